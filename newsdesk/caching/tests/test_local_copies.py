"""With Redis as the store, each process keeps copies of hot pages and drops them all
when any purge is announced."""

import os
import time

import pytest
from django.core.cache import caches
from django.test import override_settings

from conftest import redis_test_url, skip_or_fail
from newsdesk.caching.local_copies import LocalCopies
from newsdesk.caching.representations import Representation
from newsdesk.caching.store import StoredPage, page_store

REDIS_URL = os.environ.get("NEWSDESK_TEST_REDIS_URL", redis_test_url(12))


def page(fresh_for=60):
    now = time.time()
    body = (Representation("identity", b"<p>page</p>", '"e"'),)
    return StoredPage(200, (), body, now, now + fresh_for, (1, 1))


def listening_copies(max_age=60, max_entries=10):
    copies = LocalCopies(max_age, max_entries)
    copies.listening = True
    return copies


def test_no_copy_is_used_until_the_process_listens_for_purges():
    copies = LocalCopies(60, 10)
    copies.put("k", page())
    assert copies.get("k") is None


def test_a_copy_lasts_its_max_age_and_the_pages_freshness():
    copies = listening_copies(max_age=60)
    copies.put("fresh", page())
    copies.put("stale", page(fresh_for=-1))
    assert copies.get("fresh") is not None
    assert copies.get("stale") is None

    copies.max_age = 0
    assert copies.get("fresh") is None


def test_copies_are_bounded():
    copies = listening_copies(max_entries=2)
    for key in "abc":
        copies.put(key, page())
    assert len(copies.pages) <= 2


@pytest.fixture
def redis_pages():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis not reachable at {REDIS_URL} ({error}): start redis-server")
    pages = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"test-pages-{os.getpid()}",
    }
    with override_settings(
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": pages,
        }
    ):
        caches["pages"].clear()
        yield caches["pages"]
        caches["pages"].clear()


def wait_for(condition, seconds=3):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_purge_anywhere_drops_every_processs_copies(redis_pages):
    copies = LocalCopies(60, 10)
    copies.listen(redis_pages)
    wait_for(lambda: copies.listening)
    copies.put("k", page())

    page_store().purge_paths(["/news/"])

    wait_for(lambda: copies.get("k") is None, seconds=1)
