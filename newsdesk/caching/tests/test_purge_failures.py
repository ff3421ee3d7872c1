"""A purge that can not reach the page store (Redis down) fails neither the publish nor
the purge of Varnish; a cached value that can not be read back is a miss."""

import pickle

import pytest
from django.core.cache import caches
from django.test import override_settings
from redis.exceptions import ConnectionError as RedisConnectionError
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from newsdesk.caching import purge
from newsdesk.caching.generational import GenerationalValues

pytestmark = pytest.mark.django_db

FRONTEND_CACHE = {
    "varnish": {
        "BACKEND": "newsdesk.caching.backends.VarnishBackend",
        "LOCATION": "http://127.0.0.1:9",
    }
}


class UnreachableStore:
    def purge_paths(self, paths):
        raise RedisConnectionError("Connection refused")

    def purge_everything(self):
        raise RedisConnectionError("Connection refused")


@pytest.fixture
def store_down(monkeypatch):
    monkeypatch.setattr(purge, "page_store", UnreachableStore)


@pytest.fixture
def varnish_purges(monkeypatch):
    sent = []
    monkeypatch.setattr(PurgeBatch, "purge", lambda batch, **kwargs: sent.extend(batch.urls))
    return sent


def test_a_story_is_published_and_varnish_purged_while_the_store_is_down(
    client, page_cache, story, commits, store_down, varnish_purges, caplog
):
    story.title = "Sea wall vote passes"
    with override_settings(WAGTAILFRONTENDCACHE=FRONTEND_CACHE), commits():
        story.save_revision().publish()
    assert any(url.endswith(story.url) for url in varnish_purges)
    assert "Could not purge the page store" in caplog.text
    assert "Sea wall vote passes" in client.get(story.url).content.decode()


def test_a_value_that_can_not_be_read_back_is_a_miss(caplog):
    cache = caches["pages"]
    values = GenerationalValues()
    cache.set("fragment:broken", (b"not a pickle", 9e9))
    assert values.get(cache, "fragment:broken") is None
    assert "Unreadable cached value" in caplog.text
    values.set(cache, "fragment:fine", {"html": "<p>ok</p>"}, timeout=60)
    assert values.get(cache, "fragment:fine") == {"html": "<p>ok</p>"}
    assert pickle.loads(cache.get("fragment:fine")[0]) == {"html": "<p>ok</p>"}
