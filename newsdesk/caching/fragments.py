"""Rendered fragments of pages, for the renders the page cache does not spare: a page
purged, past its freshness, asked with another query, or never asked before.

Two kinds, both kept in the page store's cache (templatetags/page_fragments.py):

    {% shared_fragment "header" ... %}  one copy for every page of the site (the header,
                                        the navigation, the banner)
    {% fragment "story" ... %}          one copy per page and query

A fragment is kept like a page (store.py): under the tags its render collected (and
`all`; a page's own fragment also under the page's tags and path), with their generations, so a purge of any of them retires it, and it is stored
only if no purge ran while it rendered. A fragment found gives the page its tags and the
moment it changes by the clock, if it does (a banner's end), so the page is purged and
expires with what it is made of. Its own freshness (the TTL) is not such a moment: a
page made with a header kept since an hour ago is as fresh as a page made now.
With tags, a story's publish retires the pages that list it but not their header, nor the
story text of the pages that only list it as related. They are only used for anonymous
readers' requests the page cache could keep, never for previews or signed-in editors.
"""

import hashlib
import time
from typing import NamedTuple

from django.utils.safestring import mark_safe

from .conf import cache_settings
from .metadata import EVERYTHING, collecting, current_metadata
from .policy import is_cacheable_request, normalized_query
from .store import page_store, path_tag


class StoredFragment(NamedTuple):
    html: str
    tags: tuple
    generations: dict
    expires_at: float
    # When what it shows changes by the clock (time.time()), or None.
    changes_at: float | None


def is_anonymous_page_read(request):
    """A request the page cache could answer, for a path that purges reach."""
    return (
        request is not None
        and not getattr(request, "is_preview", False)
        and is_cacheable_request(
            request.method,
            request.path,
            request.COOKIES.keys(),
            "Authorization" in request.headers,
        )
        and not request.path.startswith(tuple(cache_settings.SHORT_TTL_PATHS))
    )


def render_fragment(context, name, nodelist, vary, shared):
    request = context.get("request")
    page_metadata = current_metadata.get()
    if not cache_settings.FRAGMENTS or page_metadata is None or not is_anonymous_page_read(request):
        return nodelist.render(context)
    store = page_store()
    key = fragment_key(request, name, vary, shared)
    found = store.cache.get(key)
    if isinstance(found, StoredFragment) and is_current(store, found):
        page_metadata.add_tags(found.tags)
        if found.changes_at is not None:
            page_metadata.limit_lifetime(found.changes_at - time.time())
        return mark_safe(found.html)
    sequence = store.sequence()
    with collecting() as metadata:
        if not shared:
            # A page's own fragment is made of that page (its tags, added before its
            # template ran) at that path (a redirect purges the path).
            metadata.add_tags({*page_metadata.tags, path_tag(request.path)})
        html = nodelist.render(context)
    page_metadata.add_tags(metadata.tags)
    lifetime = cache_settings.TTL
    if (seconds := metadata.seconds_left()) is not None:
        lifetime = min(lifetime, seconds)
        page_metadata.limit_lifetime(seconds)
    if lifetime > 0 and sequence is not None:
        keep(store, key, str(html), metadata.tags, sequence, lifetime, metadata.expires_at)
    return html


def is_current(store, fragment):
    return (
        time.time() < fragment.expires_at
        and store.generations_of(fragment.generations) == fragment.generations
    )


def keep(store, key, html, tags, sequence, lifetime, changes_at):
    generations = store.current_generations({*tags, EVERYTHING})
    if None in generations.values() or store.sequence() != sequence:
        return  # a purge ran while it rendered
    expires_at = time.time() + lifetime
    fragment = StoredFragment(html, tuple(sorted(tags)), generations, expires_at, changes_at)
    store.cache.set(key, fragment, timeout=lifetime)


def fragment_key(request, name, vary, shared):
    """Shared fragments: per site (origin); the others also per path and query."""
    origin = f"{request.scheme}://{request.get_host()}"
    if shared:
        parts = ("shared", origin, name, tuple(vary))
    else:
        query = normalized_query(request.META.get("QUERY_STRING", ""))
        parts = ("page", origin, name, tuple(vary), request.path, query)
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False)
    # v3: fragments keep the moment they change (changes_at); one kept before is never read.
    return f"fragment:v3:{digest.hexdigest()}"
