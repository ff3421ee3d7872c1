"""A purge that can not reach the page store (Redis down) fails neither the publish nor
the purge of Varnish; a Varnish node
that refuses or does not answer fails its own purge task (so the queue retries it) and
delays no other node's."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from redis.exceptions import ConnectionError as RedisConnectionError
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Site

from newsdesk.caching import purge
from newsdesk.caching.backends import VarnishBackend

pytestmark = pytest.mark.django_db

FRONTEND_CACHE = {
    "varnish": {
        "BACKEND": "newsdesk.caching.backends.VarnishBackend",
        "LOCATION": "http://127.0.0.1:9",
    }
}


class UnreachableStore:
    def purge_tags(self, tags):
        raise RedisConnectionError("Connection refused")

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
    monkeypatch.setattr(
        VarnishBackend, "purge_tags", lambda backend, tags, hard=False: sent.extend(tags)
    )
    return sent


def test_a_story_is_published_and_varnish_purged_while_the_store_is_down(
    client, page_cache, story, commits, store_down, varnish_purges, caplog
):
    story.title = "Sea wall vote passes"
    with override_settings(WAGTAILFRONTENDCACHE=FRONTEND_CACHE), commits():
        story.save_revision().publish()
    assert f"page-{story.pk}" in varnish_purges
    assert "Could not purge the page store" in caplog.text
    assert "Sea wall vote passes" in client.get(story.url).content.decode()


# --- a Varnish node that is down or does not answer ---------------------------------------


class RecordingNode(BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):
        RecordingNode.received.append(self.path)
        self.send_response(200)
        self.end_headers()

    do_BAN = do_PURGE

    def log_message(self, *args):
        pass


@pytest.fixture
def live_node():
    RecordingNode.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingNode)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", RecordingNode.received
    server.shutdown()
    server.server_close()


@pytest.fixture
def deaf_node():
    """A node that takes connections and never answers (a frozen varnishd)."""
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen(16)
        yield f"http://127.0.0.1:{listening.getsockname()[1]}"


def nodes(**locations):
    return {
        name: {"BACKEND": "newsdesk.caching.backends.VarnishBackend", "LOCATION": location}
        for name, location in locations.items()
    }


@pytest.mark.parametrize("down", ["refused", "deaf"])
def test_a_purge_a_node_did_not_take_fails_its_task_so_the_queue_retries_it(
    deaf_node, down, caplog
):
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    dead = {"refused": "http://127.0.0.1:9", "deaf": deaf_node}[down]
    with override_settings(WAGTAILFRONTENDCACHE=nodes(first=dead)):
        started = time.monotonic()
        result = purge_urls_from_cache_task.enqueue(["http://localhost/news/"], None, ["first"])
        took = time.monotonic() - started
    assert result.status == "FAILED"
    assert result.errors[0].exception_class_path == "newsdesk.caching.backends.PurgeFailed"
    assert took < 3  # a deaf node is given up on after a second (TIMEOUT)
    assert "Couldn't purge http://localhost/news/" in caplog.text


def test_each_node_is_purged_by_a_task_of_its_own(monkeypatch):
    sent = []
    monkeypatch.setattr(
        PurgeBatch, "purge", lambda batch, backends=None: sent.append((backends, batch.urls))
    )
    site = Site.objects.get(is_default_site=True)
    with override_settings(WAGTAILFRONTENDCACHE=nodes(first="http://a", second="http://b")):
        purge.purge_paths(["/news/"], site)
    assert [backends for backends, _urls in sent] == [["first"], ["second"]]
    assert sent[0][1] == sent[1][1] == {site.root_url + "/news/"}


def test_a_deaf_node_keeps_no_other_from_its_purge(live_node, deaf_node):
    location, received = live_node
    site = Site.objects.get(is_default_site=True)
    with override_settings(WAGTAILFRONTENDCACHE=nodes(first=deaf_node, second=location)):
        purge.purge_paths(["/news/", "/"], site)
        purge.purge_everything()
    assert sorted(received) == ["/", "/", "/news/"]  # the BAN is sent to "/"
