"""The page store: rendered pages in a Django cache, keyed by host, path and query, and
purged by tag (metadata.py): every tag has a generation number, and a stored page
records the generations of its tags. Bumping a tag's generation retires every page that
carries it without finding them. Every page also carries `all` (purge everything) and its
path's own tag (every query variant of a path; redirects purge that).

A page's tags are known only once it is rendered, so their generations are read after
the render; a purge that commits during the render would go unseen. So there is one more
number, the purge sequence, which every purge bumps before any tag: a page whose render
saw the sequence move (read before the render began and again before storing) is stored
already stale. A generation that is missing (never set, or evicted) is created with a
random value, and a page whose tag has none is stale: an eviction can only retire pages,
never bring purged ones back.
"""

import contextlib
import hashlib
import random
import time
from typing import NamedTuple

from django.core.cache import caches

from .conf import cache_settings
from .local_copies import announce_purge
from .metadata import EVERYTHING
from .representations import representations_of, stored_headers

SEQUENCE_KEY = "tags:sequence"


class StoredPage(NamedTuple):
    status: int
    headers: tuple
    # The body as rendered, then compressed in each coding (representations.py).
    representations: tuple
    stored_at: float
    fresh_until: float
    # The page's tags (with `all` and its path's tag) and their generations, by tag.
    generations: dict

    @property
    def content(self):
        return self.representations[0].body


class Lookup(NamedTuple):
    key: str
    page: StoredPage | None
    generations: dict

    @property
    def is_fresh(self):
        return self.is_current and time.time() < self.page.fresh_until

    @property
    def is_current(self):
        """Stored and not purged since (it may have gone past its freshness)."""
        return (
            self.page is not None
            and bool(self.page.generations)
            and self.page.generations == self.generations
        )


def page_key(origin, path, query):
    digest = hashlib.sha1(f"{origin}\n{path}\n{query}".encode(), usedforsecurity=False)
    # v3: pages kept with their tags; a page pickled before is never read.
    return f"page:v3:{digest.hexdigest()}"


def tag_key(tag):
    digest = hashlib.sha1(tag.encode(), usedforsecurity=False)
    return f"tag:{digest.hexdigest()}"


def path_tag(path):
    """The tag of every page at a path, whatever its query. The store keeps each page
    under it; a page's own fragments add it to the page's tags, so it may reach the tag
    header too, where nothing purges by it yet."""
    return f"path:{path}"


class PageStore:
    def __init__(self, cache):
        self.cache = cache

    def lookup(self, origin, path, query):
        return self.lookup_key(page_key(origin, path, query))

    def lookup_key(self, key, path=None):
        page = self.cache.get(key)
        if not isinstance(page, StoredPage):
            return Lookup(key, None, {})
        return Lookup(key, page, self.generations_of(page.generations))

    def generations_of(self, tags):
        """The current generation of each tag; a tag without one is left out."""
        keys = {tag: tag_key(tag) for tag in tags}
        found = self.cache.get_many(list(keys.values()))
        return {tag: found[key] for tag, key in keys.items() if found.get(key) is not None}

    def sequence(self):
        """The purge sequence, read before a render begins (None: the cache did not
        answer, and nothing rendered now may be stored)."""
        value = self.cache.get(SEQUENCE_KEY)
        if value is None:
            self.cache.add(SEQUENCE_KEY, random.getrandbits(62), timeout=None)
            value = self.cache.get(SEQUENCE_KEY)
        return value

    def current_generations(self, tags):
        """The generations to store a page under, creating any that is missing."""
        generations = self.generations_of(tags)
        for tag in set(tags) - generations.keys():
            key = tag_key(tag)
            self.cache.add(key, random.getrandbits(62), timeout=None)
            generations[tag] = self.cache.get(key)
        return generations

    def store(self, key, response, ttl, tags, sequence):
        """Keeps the response as a StoredPage, compressed in each coding, and returns it.
        tags: the page's own, and those every page has (stored_tags)."""
        generations = self.current_generations(tags) if sequence is not None else {}
        if sequence is None or None in generations.values() or self.sequence() != sequence:
            # The cache did not answer, or a purge ran while the page was rendered: the
            # page is sent, not kept (the next request renders it again).
            return stored_page(response, ttl, {})
        page = stored_page(response, ttl, generations)
        self.cache.set(key, page, timeout=ttl + cache_settings.STALE_SECONDS)
        return page

    def claim_render(self, key):
        """True for the one request that may re-render a stale page; the others serve it."""
        return self.cache.add(f"lock:{key}", 1, timeout=cache_settings.LOCK_SECONDS)

    def release_render(self, key):
        self.cache.delete(f"lock:{key}")

    def purge_tags(self, tags):
        self._bump(SEQUENCE_KEY)
        for tag in sorted(set(tags)):
            self._bump(tag_key(tag))
        announce_purge(self.cache)

    def purge_paths(self, paths):
        self.purge_tags(path_tag(path) for path in paths)

    def purge_everything(self):
        self.purge_tags([EVERYTHING])

    def _bump(self, key):
        # No generation yet: nothing was stored under this tag.
        with contextlib.suppress(ValueError):
            self.cache.incr(key)


def stored_tags(path, tags):
    """What the store keeps a page under: its tags, its path's, and `all`."""
    return {*tags, path_tag(path), EVERYTHING}


def stored_page(response, ttl, generations):
    representations = representations_of(response)  # first: it may add to Vary
    now = time.time()
    return StoredPage(
        response.status_code,
        stored_headers(response),
        representations,
        now,
        now + ttl,
        generations,
    )


def page_store():
    return PageStore(caches[cache_settings.ALIAS])
