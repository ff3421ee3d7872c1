"""The page store: rendered pages in a Django cache, keyed by host, path and query.

Purging is by path, every query variant at once: each path has a generation number,
and a stored page records the generations it was rendered under (read before rendering
began, so a page rendered from data older than a purge is born stale). Bumping the
generation retires every variant without finding them. One site-wide generation does the
same for everything. A generation that is missing (never set, or evicted) is created
with a random value, so an eviction can only retire pages, never bring purged ones back.
"""

import contextlib
import hashlib
import random
import time
from typing import NamedTuple

from django.core.cache import caches

from .conf import cache_settings
from .local_copies import announce_purge
from .representations import representations_of, stored_headers

EVERYTHING = "*"


class StoredPage(NamedTuple):
    status: int
    headers: tuple
    # The body as rendered, then compressed in each coding (representations.py).
    representations: tuple
    stored_at: float
    fresh_until: float
    generations: tuple

    @property
    def content(self):
        return self.representations[0].body


class Lookup(NamedTuple):
    key: str
    page: StoredPage | None
    generations: tuple

    @property
    def is_fresh(self):
        return self.is_current and time.time() < self.page.fresh_until

    @property
    def is_current(self):
        """Stored and not purged since (it may have gone past its freshness)."""
        return self.page is not None and self.page.generations == self.generations


def page_key(origin, path, query):
    digest = hashlib.sha1(f"{origin}\n{path}\n{query}".encode(), usedforsecurity=False)
    # v2: pages kept with their representations; a page pickled before is never read.
    return f"page:v2:{digest.hexdigest()}"


def generation_key(path):
    digest = hashlib.sha1(path.encode(), usedforsecurity=False)
    return f"gen:{digest.hexdigest()}"


EVERYTHING_KEY = generation_key(EVERYTHING)


class PageStore:
    def __init__(self, cache):
        self.cache = cache

    def lookup(self, origin, path, query):
        return self.lookup_key(page_key(origin, path, query), path)

    def lookup_key(self, key, path):
        path_generation = generation_key(path)
        found = self.cache.get_many([key, path_generation, EVERYTHING_KEY])
        generations = (found.get(EVERYTHING_KEY), found.get(path_generation))
        return Lookup(key, found.get(key), generations)

    def current_generations(self, path):
        """The generations to render under, creating any that is missing."""
        keys = [EVERYTHING_KEY, generation_key(path)]
        found = self.cache.get_many(keys)
        for key in keys:
            if found.get(key) is None:
                self.cache.add(key, random.getrandbits(62), timeout=None)
                found[key] = self.cache.get(key)
        return tuple(found[key] for key in keys)

    def store(self, key, response, ttl, generations):
        """Keeps the response as a StoredPage, compressed in each coding, and returns it."""
        page = stored_page(response, ttl, generations)
        if None in generations:
            return page  # the cache did not answer: a page stored now could outlive a purge
        self.cache.set(key, page, timeout=ttl + cache_settings.STALE_SECONDS)
        return page

    def claim_render(self, key):
        """True for the one request that may re-render a stale page; the others serve it."""
        return self.cache.add(f"lock:{key}", 1, timeout=cache_settings.LOCK_SECONDS)

    def release_render(self, key):
        self.cache.delete(f"lock:{key}")

    def purge_paths(self, paths):
        for path in paths:
            self._bump(generation_key(path))
        announce_purge(self.cache)

    def purge_everything(self):
        self._bump(EVERYTHING_KEY)
        announce_purge(self.cache)

    def _bump(self, key):
        # No generation yet: nothing was stored under this path.
        with contextlib.suppress(ValueError):
            self.cache.incr(key)


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
