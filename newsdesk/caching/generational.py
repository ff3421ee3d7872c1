"""Values kept in the shared cache under keys that carry the page store's generations
(fragments, kept pages and sites). Such a value never changes: a purge moves readers to
another key. So each process also keeps the ones it used in its own memory and skips the
round trip to Redis; it only needs the generations, read once per request.

Kept no longer than in the shared cache (their own expiry), at most MAX_ENTRIES a process.
"""

import pickle
import threading
import time

MAX_ENTRIES = 1000


class GenerationalValues:
    def __init__(self, max_entries=MAX_ENTRIES):
        self.max_entries = max_entries
        self.values = {}
        self.lock = threading.Lock()

    def get(self, cache, key):
        """The value from this process or the shared cache; None when neither has it."""
        kept = self.values.get(key)
        if kept is not None:
            pickled, expires_at = kept
            if time.time() < expires_at:
                # Each caller gets its own copy: pages and sites are mutable objects.
                return pickle.loads(pickled)
            self.values.pop(key, None)
        value = cache.get(key)
        ttl = cache.ttl(key) if value is not None and hasattr(cache, "ttl") else None
        if value is not None and ttl:
            self._keep(key, value, time.time() + ttl)
        return value

    def set(self, cache, key, value, timeout):
        cache.set(key, value, timeout=timeout)
        self._keep(key, value, time.time() + timeout)

    def _keep(self, key, value, expires_at):
        pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self.lock:
            if len(self.values) >= self.max_entries:
                self.values.clear()  # crude, and rare: a refill is one fetch per value
            self.values[key] = (pickled, expires_at)


generational_values = GenerationalValues()
