"""Values kept in the shared cache under keys that carry the page store's generations
(fragments, kept pages and sites). Such a value never changes: a purge moves readers to
another key. So each process also keeps the ones it used in its own memory and skips the
round trip to Redis; it only needs the generations, read once per request.

Each value is stored with the time it expires, and kept in a process no longer than that,
at most MAX_ENTRIES a process. A value that can not be read back (a model changed by a
deploy since it was pickled, say) is a miss, never an error.
"""

import logging
import pickle
import threading
import time

logger = logging.getLogger(__name__)
MAX_ENTRIES = 1000


class GenerationalValues:
    def __init__(self, max_entries=MAX_ENTRIES):
        self.max_entries = max_entries
        self.values = {}
        self.lock = threading.Lock()

    def get(self, cache, key):
        """The value from this process or the shared cache; None when neither has it."""
        kept = self.values.get(key)
        if kept is None:
            kept = self._fetch(cache, key)
        if kept is None:
            return None
        pickled, expires_at = kept
        if time.time() >= expires_at:
            self.values.pop(key, None)
            return None
        try:
            # Each caller gets its own copy: pages and sites are mutable objects.
            return pickle.loads(pickled)
        except Exception:
            logger.warning("Unreadable cached value %s; rendering instead", key, exc_info=True)
            self.values.pop(key, None)
            return None

    def set(self, cache, key, value, timeout):
        kept = (pickle.dumps(value, pickle.HIGHEST_PROTOCOL), time.time() + timeout)
        cache.set(key, kept, timeout=timeout)
        self._keep(key, kept)

    def _fetch(self, cache, key):
        kept = cache.get(key)
        if not (isinstance(kept, tuple) and len(kept) == 2):
            return None
        self._keep(key, kept)
        return kept

    def _keep(self, key, kept):
        with self.lock:
            if len(self.values) >= self.max_entries:
                self.values.clear()  # crude, and rare: a refill is one fetch per value
            self.values[key] = kept


generational_values = GenerationalValues()
