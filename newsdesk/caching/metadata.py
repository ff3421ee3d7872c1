"""Cache tags, the keys of what a response shows, collected while it renders (Drupal's
CacheableMetadata; Fastly's surrogate keys, Varnish's xkey, Cloudflare's Cache-Tag).

The page cache middleware opens a collection for each cacheable request; whatever is
rendered adds to it, knowing nothing of caches:

    add_cache_tags("page-12", "list-page-3")    from Python (a view, a queryset helper)
    {% cache_tags story "list-front" %}         from a template (templatetags/cache_tags.py)
    limit_cache_lifetime(seconds)               what lasts less than a page is kept
                                                (a banner that expires by the clock)

Objects become tags through the `newsdesk_cache_tags` hook (each app answers for its own
models; `tags_of`), and a change becomes the tags to purge through
`newsdesk_purge_tags` (`tags_invalidated_by`); without an answer, a model instance is
`<model>-<pk>` and a Wagtail page `page-<pk>`. Tags are `<kind>-<id>` or a word:

    page-12, author-3          one object       list-page-3, list-topic-7  a listing
    settings, banner, footer   site-wide        all                        every page

A response carries at most MAX_HEADER_BYTES of tags: over that, the kind with the most
tags is replaced by its broader tag `<kind>-all` (page-1 page-2 ... -> page-all), which
every purge of one of them also purges (`with_broader_tags`).
"""

import contextlib
import re
import time
from contextvars import ContextVar

from wagtail import hooks

from .conf import cache_settings

TAGS_HOOK = "newsdesk_cache_tags"
PURGE_HOOK = "newsdesk_purge_tags"
EVERYTHING = "all"
BROADER_SUFFIX = "-all"
OBJECT_TAG = re.compile(r"^(?P<kind>[a-z][a-z0-9._-]*?)-(?P<id>\d+)$")
# Characters every tag header allows (Cloudflare's Cache-Tag is the strictest: printable
# ASCII, no spaces or commas).
UNSAFE = re.compile(r"[^A-Za-z0-9._:/-]")


class CacheableMetadata:
    """What one response is made of: its tags, and the soonest moment it goes stale."""

    def __init__(self):
        self.tags = set()
        self.expires_at = None

    def add_tags(self, tags):
        self.tags.update(clean_tag(tag) for tag in tags if tag)

    def limit_lifetime(self, seconds):
        moment = time.time() + max(seconds, 0)
        self.expires_at = moment if self.expires_at is None else min(self.expires_at, moment)

    def seconds_left(self):
        """None when nothing limited the lifetime."""
        if self.expires_at is None:
            return None
        return max(int(self.expires_at - time.time()), 0)

    def capped_tags(self, max_bytes=None):
        return capped(self.tags, max_bytes or cache_settings.TAGS_MAX_BYTES)


current_metadata = ContextVar("newsdesk_cache_metadata", default=None)


@contextlib.contextmanager
def collecting():
    """A collection for the code run inside (one request's render)."""
    metadata = CacheableMetadata()
    token = current_metadata.set(metadata)
    try:
        yield metadata
    finally:
        current_metadata.reset(token)


def add_cache_tags(*tags):
    """Tags of what is being rendered; nothing happens outside a collection."""
    metadata = current_metadata.get()
    if metadata is not None:
        metadata.add_tags(tags)


def add_tags_of(*objects):
    """The tags of these objects (models, pages, or tags as strings)."""
    metadata = current_metadata.get()
    if metadata is not None:
        for obj in objects:
            metadata.add_tags(tags_of(obj))


def limit_cache_lifetime(seconds):
    metadata = current_metadata.get()
    if metadata is not None and seconds is not None:
        metadata.limit_lifetime(seconds)


def tags_of(obj):
    """An object's tags: a string is itself; otherwise the first hook with an answer,
    else `<model>-<pk>` (`page-<pk>` for any Wagtail page)."""
    if obj is None or obj == "":
        return ()
    if isinstance(obj, str):
        return (obj,)
    for hook in hooks.get_hooks(TAGS_HOOK):
        answer = hook(obj)
        if answer is not None:
            return tuple(answer)
    return default_tags(obj)


def default_tags(obj):
    from wagtail.models import Page

    pk = getattr(obj, "pk", None)
    if pk is None:
        return ()
    if isinstance(obj, Page):
        return (f"page-{pk}",)
    return (f"{obj._meta.model_name}-{pk}",)


def tags_invalidated_by(obj):
    """What a change to the object purges: its own tags, and what every app adds for it
    (the listings a story enters, say). Called with the object as the database has it."""
    tags = set(tags_of(obj))
    for hook in hooks.get_hooks(PURGE_HOOK):
        tags.update(hook(obj) or ())
    return tags


def with_broader_tags(tags):
    """A purge of page-12 also purges page-all: the pages that had too many to name it."""
    tags = set(tags)
    for tag in list(tags):
        if match := OBJECT_TAG.match(tag):
            tags.add(match["kind"] + BROADER_SUFFIX)
    return tags


def clean_tag(tag):
    return UNSAFE.sub("_", str(tag))[: cache_settings.TAG_MAX_LENGTH]


def capped(tags, max_bytes):
    """The tags, sorted, in at most max_bytes (with one separator each): the kind with
    the most tags is replaced by its broader tag until they fit; `all` if nothing fits."""
    tags = set(tags)
    while header_length(tags) > max_bytes:
        kinds = {}
        for tag in tags:
            if match := OBJECT_TAG.match(tag):
                kinds.setdefault(match["kind"], []).append(tag)
        if not kinds:
            return [EVERYTHING]
        kind, members = max(kinds.items(), key=lambda item: (len(item[1]), item[0]))
        tags.difference_update(members)
        tags.add(kind + BROADER_SUFFIX)
    return sorted(tags)


def header_length(tags):
    return sum(len(tag) + 1 for tag in tags)
