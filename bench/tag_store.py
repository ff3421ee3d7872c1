"""What purging by tag costs the page store (newsdesk/caching/store.py): a lookup (the
page, then its tags' generations; "get page" is the page alone), a store (the tags' generations, the purge sequence
twice) and a purge, for pages carrying 5, 20 and 80 tags, in each cache the site may
use: local memory, the embedded default's shared folder, and Redis when REDIS_URL (or
127.0.0.1:6379) answers.

Run with `.venv/bin/python bench/tag_store.py`; never part of the test suite. Prints the
median of ROUNDS rounds in microseconds; a plain get_many of 3 keys (what a lookup cost
when pages were purged by path) is printed beside them for scale.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROUNDS = 300
TAG_COUNTS = (5, 20, 80)


def caches_config(folder):
    config = {
        "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "folder": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                   "LOCATION": folder, "OPTIONS": {"MAX_ENTRIES": 5000}},
    }  # fmt: skip
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=0.5).ping()
        config["redis"] = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url,
                           "KEY_PREFIX": "newsdesk-bench-tags"}  # fmt: skip
    except Exception as error:
        print(f"Redis left out: {error}")
    return {"default": config["locmem"], **config}


def median_us(function):
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1e6


def main():
    import django
    from django.conf import settings

    folder = tempfile.mkdtemp(prefix="newsdesk-bench-tags-")
    settings.configure(CACHES=caches_config(folder), USE_TZ=True, INSTALLED_APPS=[])
    django.setup()
    from django.core.cache import caches
    from django.http import HttpResponse

    response = HttpResponse(b"<p>" + b"story " * 3000 + b"</p>", content_type="text/html")
    print(
        f"{'cache':<8} {'tags':>5} {'lookup':>9} {'get page':>9} {'store':>9} {'purge 1':>9} "
        f"{'get_many 3':>11}"
    )
    for alias in [name for name in caches_config(folder) if name != "default"]:
        measure(caches[alias], alias, response)


def measure(cache, alias, response):
    from newsdesk.caching.store import PageStore, page_key, stored_tags

    cache.clear()
    store = PageStore(cache)
    for count in TAG_COUNTS:
        tags = stored_tags("/news/story/", [f"page-{n}" for n in range(count)])
        key = page_key("http://bench", "/news/story/", f"n={count}")
        store.store(key, response, 300, tags, store.sequence())
        assert store.lookup_key(key).is_fresh
        lookup = median_us(lambda key=key: store.lookup_key(key))
        page_alone = median_us(lambda key=key: cache.get(key))
        keep = median_us(
            lambda key=key, tags=tags: store.store(key, response, 300, tags, store.sequence())
        )
        purge = median_us(lambda: store.purge_tags(["page-unrelated"]))
        plain = median_us(lambda: cache.get_many(["a", "b", "c"]))
        print(
            f"{alias:<8} {count:>5} {lookup:>9.0f} {page_alone:>9.0f} {keep:>9.0f} "
            f"{purge:>9.0f} {plain:>11.0f}"
        )
    cache.clear()


if __name__ == "__main__":
    main()
