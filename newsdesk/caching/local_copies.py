"""Each server process's own copies of hot pages, in front of a shared Redis store.

With Redis, a hit would cost a network round trip that blocks the worker's event loop;
at breaking-news load that round trip is the ceiling. So the front door keeps the pages
it served in process memory, and every purge is announced on a Redis channel that each
process listens to: on any announcement a process drops all its copies (purges are rare,
a refill is one fetch per page). A copy is also dropped after LOCAL_SECONDS, and none is
used while the process is not listening (not yet subscribed, or the connection broke),
so a missed announcement can not keep a purged page alive.

The channel is announced on after the store's generations are bumped (store.py), and
Varnish is purged later by a background task, so Varnish never re-fetches a copy that
the announcement has not yet dropped, but for a window of a millisecond or so.
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)
RECONNECT_SECONDS = 1


def purge_channel(cache):
    return f"{cache.key_prefix or 'newsdesk'}:page-purges"


def redis_client(cache):
    """The Redis connection behind a django-redis cache, or None for any other cache
    (local memory is in the process already and needs no copies)."""
    client = getattr(cache, "client", None)
    if client is None or not type(cache).__module__.startswith("django_redis"):
        return None
    return client.get_client(write=True)


def announce_purge(cache):
    client = redis_client(cache)
    if client is not None:
        client.publish(purge_channel(cache), b"purge")


class LocalCopies:
    def __init__(self, max_age, max_entries):
        self.max_age = max_age
        self.max_entries = max_entries
        self.pages = {}
        self.listening = False

    def get(self, key):
        if not self.listening:
            return None
        copy = self.pages.get(key)
        if copy is None:
            return None
        page, copied_at = copy
        now = time.time()
        if now - copied_at > self.max_age or now >= page.fresh_until:
            self.pages.pop(key, None)
            return None
        return page

    def put(self, key, page):
        if not self.listening:
            return
        if len(self.pages) >= self.max_entries:
            self.pages.clear()  # crude, and rare: a refill costs one fetch per page
        self.pages[key] = (page, time.time())

    def drop_all(self):
        self.pages.clear()

    def listen(self, cache):
        """Follow the purge channel from a daemon thread; returns at once."""
        client = redis_client(cache)
        if client is None:
            return
        channel = purge_channel(cache)
        thread = threading.Thread(
            target=self._follow, args=(client, channel), name="page-purges", daemon=True
        )
        thread.start()

    def _follow(self, client, channel):
        while True:
            try:
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(channel)
                self.drop_all()
                self.listening = True
                for _message in pubsub.listen():
                    self.drop_all()
            except Exception:
                logger.warning("Lost the page purge channel; retrying", exc_info=True)
            self.listening = False
            self.drop_all()
            time.sleep(RECONNECT_SECONDS)
