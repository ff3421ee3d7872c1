"""Rendered fragments of pages, for the renders the page cache does not spare: a page
purged, past its freshness, asked with another query, or never asked before.

Two kinds, both kept in the page store's cache (templatetags/page_fragments.py):

    {% shared_fragment "header" ... %}  one copy for every page of the site (the header,
                                        the navigation, the banner), retired by anything
                                        that purges every page
    {% fragment "story" ... %}          one copy per page and query, retired by whatever
                                        purges that page's path

A fragment's key holds the generations of the page store (store.py) read when the
request came in, before any data was read: a fragment rendered from data older than a
purge is stored under the retired generation and never found again. So fragments are
exactly as fresh as the pages the page cache keeps. They are only used for anonymous
readers' requests the page cache could keep, never for previews or signed-in editors,
and each lasts no longer than a page would (the TTL, and the breaking-news banner's end),
which the page then inherits.
"""

import hashlib
import math
import time
from typing import NamedTuple

from django.utils.safestring import mark_safe

from .banner import seconds_left_on_banner
from .conf import cache_settings
from .generational import generational_values
from .policy import is_cacheable_request, normalized_query
from .store import page_store

GENERATIONS_ATTR = "newsdesk_generations"
EXPIRY_ATTR = "newsdesk_fragments_expire_at"


class StoredFragment(NamedTuple):
    html: str
    expires_at: float


def read_generations(request, store, generations=None):
    """Note on the request the generations its fragments and kept pages (routes.py) are
    kept under. Call before the view reads anything (the page cache middleware does)."""
    if (cache_settings.FRAGMENTS or cache_settings.ROUTES) and is_anonymous_page_read(request):
        setattr(request, GENERATIONS_ATTR, generations or store.current_generations(request.path))


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
    # Generations are only read for anonymous readers' page requests (read_generations);
    # a preview is marked after that.
    generations = getattr(request, GENERATIONS_ATTR, None)
    if (
        generations is None
        or None in generations
        or not cache_settings.FRAGMENTS
        or getattr(request, "is_preview", False)
    ):
        return nodelist.render(context)
    store = page_store()
    key = fragment_key(request, name, vary, generations, shared)
    found = generational_values.get(store.cache, key)
    if found is not None:
        note_expiry(request, found.expires_at)
        return mark_safe(found.html)
    html = nodelist.render(context)
    lifetime = cache_settings.TTL
    banner_seconds = seconds_left_on_banner(request)
    if banner_seconds is not None:
        lifetime = min(lifetime, banner_seconds)
    if lifetime > 0:
        expires_at = time.time() + lifetime
        fragment = StoredFragment(str(html), expires_at)
        generational_values.set(store.cache, key, fragment, timeout=lifetime)
        note_expiry(request, expires_at)
    return html


def fragment_key(request, name, vary, generations, shared):
    """Shared fragments: per site (origin) under the site-wide generation; the others
    also per path and query under the path's own."""
    origin = f"{request.scheme}://{request.get_host()}"
    if shared:
        parts = ("shared", origin, name, tuple(vary), generations[0])
    else:
        query = normalized_query(request.META.get("QUERY_STRING", ""))
        parts = ("page", origin, name, tuple(vary), generations, request.path, query)
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False)
    return f"fragment:{digest.hexdigest()}"


def note_expiry(request, expires_at):
    current = getattr(request, EXPIRY_ATTR, None)
    setattr(request, EXPIRY_ATTR, expires_at if current is None else min(current, expires_at))


def seconds_left_on_fragments(request):
    """Seconds until the soonest fragment this page used expires; None when it used none.
    A page must not outlive the fragments it is made of."""
    expires_at = getattr(request, EXPIRY_ATTR, None)
    if expires_at is None:
        return None
    return max(math.ceil(expires_at - time.time()), 0)
