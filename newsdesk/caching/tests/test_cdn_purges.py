"""The caches in front are purged by tag through Wagtail's front-end cache backend
interface: every Varnish node by xkey (soft), Fastly by surrogate key (soft), Cloudflare
by Cache-Tag, each tried against a recording HTTP server on loopback standing in for the
node or the provider's API."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from wagtail.models import Page

from newsdesk.caching.purge import purge_tags

pytestmark = pytest.mark.django_db


class Recorder(ThreadingHTTPServer):
    def __init__(self, answer):
        self.answer = answer
        self.requests = []
        super().__init__(("127.0.0.1", 0), RecordingHandler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_port}"


class RecordingHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.requests.append((self.command, self.path, self.headers, body))
        answer = json.dumps(self.server.answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_PURGE = do_POST  # http.server names the handler of each method
    do_BAN = do_POST

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    servers = []

    def start(answer):
        server = Recorder(answer)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fastly(recorder):
    api = recorder({"status": "ok"})
    backend = {
        "fastly": {
            "BACKEND": "newsdesk.caching.backends.FastlyBackend",
            "SERVICE_ID": "svc123",
            "API_KEY": "fastly-test-key",
            "API_URL": api.url,
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        yield api


@pytest.fixture
def cloudflare(recorder):
    api = recorder({"success": True, "errors": []})
    backend = {
        "cloudflare": {
            "BACKEND": "newsdesk.caching.backends.CloudflareBackend",
            "ZONEID": "zone9",
            "BEARER_TOKEN": "cf-test-token",
            "API_URL": api.url + "/client/v4",
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        yield api


def published_page(django_capture_on_commit_callbacks):
    root = Page.objects.get(depth=1)
    page = root.add_child(instance=Page(title="Tide tables", slug="tide-tables", live=False))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


def test_a_publish_soft_purges_fastly_by_surrogate_key(fastly, django_capture_on_commit_callbacks):
    page = published_page(django_capture_on_commit_callbacks)

    keys = [
        (headers, json.loads(body)["surrogate_keys"])
        for method, path, headers, body in fastly.requests
        if method == "POST" and path == "/service/svc123/purge"
    ]
    assert len(keys) == 1
    headers, purged = keys[0]
    assert {f"page-{page.pk}", "page-all"} <= set(purged)
    assert headers["Fastly-Key"] == "fastly-test-key"
    assert headers["Fastly-Soft-Purge"] == "1"


def test_an_unpublish_purges_fastly_hard(fastly, django_capture_on_commit_callbacks):
    page = published_page(django_capture_on_commit_callbacks)
    fastly.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).unpublish()

    purges = [headers for method, path, headers, _body in fastly.requests if method == "POST"]
    assert purges, "the unpublish purged nothing"
    assert all("Fastly-Soft-Purge" not in headers for headers in purges)


def test_fastly_takes_at_most_256_keys_a_request(fastly):
    purge_tags(f"page-{n}" for n in range(600))
    batches = [json.loads(body)["surrogate_keys"] for _m, _p, _h, body in fastly.requests]
    assert [len(batch) for batch in batches] == [256, 256, 89]  # 600 and page-all
    assert len({key for batch in batches for key in batch}) == 601


def test_purging_everything_purges_all_of_fastly(fastly):
    purge_tags(["all"])
    assert [path for _m, path, _h, _b in fastly.requests] == ["/service/svc123/purge_all"]


def test_a_publish_purges_cloudflare_by_cache_tag(cloudflare, django_capture_on_commit_callbacks):
    page = published_page(django_capture_on_commit_callbacks)

    bodies = [json.loads(body) for _m, path, _h, body in cloudflare.requests]
    assert {path for _m, path, _h, _b in cloudflare.requests} == {
        "/client/v4/zones/zone9/purge_cache"
    }
    tags = [tag for body in bodies for tag in body.get("tags", [])]
    assert {f"page-{page.pk}", "page-all"} <= set(tags)
    assert all(len(body["tags"]) <= 30 for body in bodies if "tags" in body)
    assert cloudflare.requests[0][2]["Authorization"] == "Bearer cf-test-token"


def test_cloudflare_refusing_a_purge_is_logged_not_raised(recorder, caplog):
    api = recorder({"success": False, "errors": [{"message": "Invalid zone"}]})
    backend = {
        "cloudflare": {
            "BACKEND": "newsdesk.caching.backends.CloudflareBackend",
            "ZONEID": "zone9",
            "BEARER_TOKEN": "cf-test-token",
            "API_URL": api.url,
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        purge_tags(["page-3"])
    assert "Invalid zone" in caplog.text


def test_an_unreachable_api_is_logged_not_raised(caplog):
    backend = {
        "fastly": {
            "BACKEND": "newsdesk.caching.backends.FastlyBackend",
            "SERVICE_ID": "svc123",
            "API_KEY": "k",
            "API_URL": "http://127.0.0.1:9",
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        purge_tags(["page-3"])
    assert "Couldn't purge" in caplog.text


def test_every_varnish_node_is_soft_purged_by_tag(recorder, django_capture_on_commit_callbacks):
    nodes = [recorder({}), recorder({})]
    backends = {
        f"varnish-{number}": {
            "BACKEND": "newsdesk.caching.backends.VarnishBackend",
            "LOCATION": node.url,
        }
        for number, node in enumerate(nodes, start=1)
    }
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        page = published_page(django_capture_on_commit_callbacks)
        purge_tags(["all"])

    for node in nodes:
        methods = [(method, path) for method, path, _headers, _body in node.requests]
        assert methods == [("PURGE", "/"), ("BAN", "/")]
        keys = node.requests[0][2]["xkey-softpurge"].split()
        assert {f"page-{page.pk}", "page-all"} <= set(keys)


def test_an_unpublish_drops_the_pages_from_every_varnish_node(
    recorder, django_capture_on_commit_callbacks
):
    node = recorder({})
    backends = {
        "varnish": {"BACKEND": "newsdesk.caching.backends.VarnishBackend", "LOCATION": node.url}
    }
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        page = published_page(django_capture_on_commit_callbacks)
        node.requests.clear()
        with django_capture_on_commit_callbacks(execute=True):
            Page.objects.get(pk=page.pk).unpublish()

    by_tag = [headers for method, path, headers, _body in node.requests if path == "/"]
    assert by_tag and all("xkey-softpurge" not in headers for headers in by_tag)
    assert f"page-{page.pk}" in by_tag[0]["xkey-purge"].split()
