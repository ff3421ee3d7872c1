"""Varnish in front of a live server, with deploy/varnish/default.vcl: pages are cached,
a publish soft-purges them by tag (xkey) through Wagtail's front-end cache and the new
version is visible within a second, rendered once for many readers, and with the app
gone Varnish keeps serving what it holds.

Needs Debian's varnish package (skipped without it locally, failed under CI=true)."""

import gzip
import shutil
import subprocess
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.error import HTTPError

import brotli
import pytest
from django.core.signals import request_started
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer
from wagtail.contrib.frontend_cache.utils import get_backends

from conftest import skip_or_fail
from deploy.localprod import ROOT, Processes, free_port, start_varnish, wait_for_http
from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

# Committed for real: the live server's thread must see the story, and purges run when
# the publish commits.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fetch(url, method="GET", headers=None):
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read().decode()
    except HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def varnish_in_front(tmp_path):
    """A live server with Varnish in front, the app purging Varnish; yields Varnish's
    URL and a function that stops the app."""
    if shutil.which("varnishd") is None:
        skip_or_fail("varnishd not found: apt-get install varnish")
    port = free_port()
    purge_to_varnish = {
        "varnish": {
            "BACKEND": "newsdesk.caching.backends.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    processes = Processes(tmp_path)
    with override_settings(
        NEWSDESK_CACHE_ENABLED=True, NEWSDESK_CACHE_TTL=2, WAGTAILFRONTENDCACHE=purge_to_varnish
    ):
        server = LiveServer("127.0.0.1")
        stopped = []

        def stop_app():
            if not stopped:
                server.stop()
                stopped.append(True)

        try:
            start_varnish(processes, port, server.thread.port, memory="32m")
            yield f"http://127.0.0.1:{port}", stop_app
        finally:
            processes.stop_all()
            stop_app()


def test_varnish_caches_purges_on_publish_and_serves_stale_when_the_app_is_down(
    varnish_in_front,
):
    varnish, stop_app = varnish_in_front
    story = ArticleFactory(parent=SectionFactory(title="News", slug="news"), title="Tide report")
    url = varnish + story.url

    first, second = fetch(url), fetch(url)
    assert first[0] == second[0] == 200
    assert (first[1]["X-Cache"], second[1]["X-Cache"]) == ("MISS", "HIT")
    assert fetch(url, method="PURGE")[0] == 200  # loopback may purge
    assert fetch(url)[1]["X-Cache"] == "MISS"

    story.title = "Tide report: flood warning"
    published_at = time.monotonic()
    story.save_revision().publish()
    while "flood warning" not in fetch(url)[2]:
        assert time.monotonic() - published_at < 1.0, "the edit took over a second to show"
        time.sleep(0.02)

    stop_app()
    time.sleep(4)  # past the page's freshness, and the probe has found the app gone
    status, headers, html = fetch(url)
    assert status == 200
    assert "flood warning" in html
    assert int(headers["Age"]) >= 2


def fetch_bytes(url, method="GET", **headers):
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except HTTPError as error:
        return error.code, error.headers, error.read()


DECODERS = {None: lambda body: body, "gzip": gzip.decompress, "br": brotli.decompress}
# Each client's Accept-Encoding, and the object Varnish keeps for it.
CLIENTS = {
    "gzip, deflate, br, zstd": "br",
    "gzip, deflate, br": "br",
    "br": "br",
    "gzip": "gzip",
    "gzip, deflate": "gzip",
    "deflate, GZIP": "gzip",
    "x-gzip, br;q=0": "gzip",
    "": None,
    "identity, gzip;q=0": None,
}


def test_varnish_keeps_one_object_per_coding_with_the_apps_bytes(varnish_in_front):
    varnish, stop_app = varnish_in_front
    story = ArticleFactory(parent=SectionFactory(title="News", slug="news"), title="Tide report")
    url = varnish + story.url
    page = fetch_bytes(url)[2]
    assert b"Tide report" in page

    outcomes, bodies = [], {}
    for accept_encoding, coding in CLIENTS.items():
        status, headers, body = fetch_bytes(url, **{"Accept-Encoding": accept_encoding})
        assert status == 200
        assert headers["Content-Encoding"] == coding
        assert int(headers["Content-Length"]) == len(body)
        assert DECODERS[coding](body) == page  # compressed once: no gzip inside the gzip
        outcomes.append(headers["X-Cache"])
        bodies.setdefault(coding, body)
        assert bodies[coding] == body
    # The first br and the first gzip client fetched their coding; everyone else was a hit.
    first_of_each = {coding: list(CLIENTS.values()).index(coding) for coding in ("br", "gzip")}
    assert [i for i, outcome in enumerate(outcomes) if outcome == "MISS"] == sorted(
        first_of_each.values()
    )

    # Ranges and revalidation of the object, from Varnish itself.
    status, headers, body = fetch_bytes(url, **{"Accept-Encoding": "br", "Range": "bytes=0-9"})
    assert (status, body) == (206, bodies["br"][:10])
    etag = fetch_bytes(url, **{"Accept-Encoding": "gzip"})[1]["ETag"]
    assert fetch_bytes(url, **{"Accept-Encoding": "gzip", "If-None-Match": etag})[0] == 304

    assert fetch_bytes(url, method="PURGE")[0] == 200
    for accept_encoding in ("br", "gzip", ""):
        headers = fetch_bytes(url, **{"Accept-Encoding": accept_encoding})[1]
        assert headers["X-Cache"] == "MISS"

    # A photo (here, the page saying there is none) is one object whatever is accepted.
    photo = varnish + "/no-such-photo.webp"
    outcomes = []
    for accept_encoding in ("br", "gzip", ""):
        headers = fetch_bytes(photo, **{"Accept-Encoding": accept_encoding})[1]
        assert headers["Content-Encoding"] is None
        outcomes.append(headers["X-Cache"])
    assert outcomes == ["MISS", "HIT", "HIT"]

    stop_app()  # what Varnish holds, it serves in every coding
    for accept_encoding, coding in CLIENTS.items():
        status, headers, body = fetch_bytes(url, **{"Accept-Encoding": accept_encoding})
        assert (status, headers["X-Cache"], body) == (200, "HIT", bodies[coding])


def test_event_streams_go_to_their_own_server_and_pages_to_the_app(tmp_path):
    """Pages come from the WSGI server, the live blogs' event streams from the ASGI one
    (deploy/localprod.py starts both)."""
    if shutil.which("varnishd") is None:
        skip_or_fail("varnishd not found: apt-get install varnish")
    pages, streams = answering_server("pages"), answering_server("streams")
    port = free_port()
    processes = Processes(tmp_path)
    try:
        start_varnish(
            processes,
            port,
            pages.server_port,
            memory="16m",
            streams_port=streams.server_port,
        )
        varnish = f"http://127.0.0.1:{port}"
        assert fetch(varnish + "/news/a-story/")[2] == "pages"
        assert fetch(varnish + "/live/blog/7/events/")[2] == "streams"
        # Asking for a stream elsewhere does not reach the streams server (nor the cache).
        request = urllib.request.Request(
            varnish + "/news/a-story/", headers={"Accept": "text/event-stream"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.read().decode() == "pages"
    finally:
        processes.stop_all()
        for server in (pages, streams):
            server.shutdown()


def answering_server(answer):
    """An HTTP server on a free port that answers every GET (the health probe too) with
    its own name."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = answer.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def nginx_config(tmp_path, port, varnish_port):
    """deploy/nginx/newsdesk.conf on plain HTTP, in front of the test's Varnish."""
    sample = (ROOT / "deploy/nginx/newsdesk.conf").read_text()
    server = sample[sample.index("server {\n    listen 443") :]
    server = "\n".join(line for line in server.splitlines() if "ssl" not in line)
    server = server.replace("http2 on;", f"listen 127.0.0.1:{port};")
    upstream = f"upstream newsdesk_varnish {{ server 127.0.0.1:{varnish_port}; }}\n"
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\naccess_log off;\n{upstream}{server}\n}}\n"
    )
    return config


@pytest.fixture
def nginx_in_front(varnish_in_front, tmp_path):
    """(nginx's URL, Varnish's URL): the sample nginx config in front of Varnish."""
    varnish, _stop_app = varnish_in_front
    if shutil.which("nginx") is None:
        skip_or_fail("nginx not found: apt-get install nginx")
    port = free_port()
    config = nginx_config(tmp_path, port, varnish.rsplit(":", 1)[1])
    argv = ["nginx", "-e", str(tmp_path / "error.log"), "-p", str(tmp_path), "-c", str(config)]
    nginx = subprocess.Popen([*argv, "-g", "daemon off;"])
    try:
        wait_for_http(f"http://127.0.0.1:{port}/healthz/", timeout=30, accept=(200, 503))
        yield f"http://127.0.0.1:{port}", varnish
    finally:
        nginx.terminate()
        nginx.wait(10)


def test_nobody_can_purge_through_the_front_and_the_app_still_can(nginx_in_front):
    front, varnish = nginx_in_front
    story = ArticleFactory(parent=SectionFactory(title="News", slug="news"), title="Tide report")
    fetch(front + story.url)
    assert fetch(front + story.url)[1]["X-Cache"] == "HIT"

    for method in ("BAN", "PURGE", "PUT", "DELETE"):
        assert fetch(front + story.url, method=method)[0] == 403  # nginx refuses
        # A proxy that let it through: Varnish refuses what came via one.
        forwarded = {"X-Forwarded-For": "203.0.113.9"}
        assert fetch(varnish + story.url, method=method, headers=forwarded)[0] in (403, 405)
    assert fetch(front + story.url)[1]["X-Cache"] == "HIT"  # nothing was purged
    assert fetch(front + story.url, method="HEAD")[0] == 200

    get_backends()["varnish"].purge(varnish + story.url)
    assert fetch(front + story.url)[1]["X-Cache"] == "MISS"
    fetch(front + story.url)
    get_backends()["varnish"].purge_everything()
    assert fetch(front + story.url)[1]["X-Cache"] == "MISS"


@pytest.fixture
def app_requests():
    """The paths of the requests that reach the app (Varnish's own probe left out)."""
    seen = []

    def count(sender, environ, **kwargs):
        if not environ.get("PATH_INFO", "").startswith("/healthz/"):
            seen.append(environ.get("PATH_INFO"))

    request_started.connect(count, dispatch_uid="test-app-requests")
    yield seen
    request_started.disconnect(dispatch_uid="test-app-requests")


def test_a_publish_soft_purges_by_tag_and_many_readers_get_one_render(
    varnish_in_front, app_requests
):
    """The story's own page and its section's listing carry its tags; a publish
    soft-purges them in Varnish, and 200 readers at once (40 in parallel) of each cost
    the app one render or two: the others get the stale copy while Varnish fetches."""
    varnish, _stop_app = varnish_in_front
    news = SectionFactory(title="News", slug="news")
    story = ArticleFactory(parent=news, title="Tide report")
    other = ArticleFactory(parent=SectionFactory(title="Sport", slug="sport"), title="Regatta")
    pages = [varnish + story.url, varnish + news.url]
    for url in [*pages, varnish + other.url]:
        assert fetch(url)[1]["X-Cache"] == "MISS"
        status, headers, _html = fetch(url)
        assert (status, headers["X-Cache"]) == (200, "HIT")
        assert headers["xkey"] is None  # the tags stay between the app and Varnish

    story.title = "Tide report: flood warning"
    story.save_revision().publish()  # the purge task runs at once in the tests
    app_requests.clear()
    with ThreadPoolExecutor(max_workers=40) as readers:
        answers = list(readers.map(fetch, pages * 100))

    assert {status for status, _headers, _html in answers} == {200}
    for url in pages:
        renders = app_requests.count(url.removeprefix(varnish))
        assert 1 <= renders <= 2, (url, renders)
    assert fetch(varnish + other.url)[1]["X-Cache"] == "HIT"  # not tagged: not purged
    deadline = time.monotonic() + 1.0
    while "flood warning" not in fetch(pages[1])[2]:
        assert time.monotonic() < deadline, "the listing kept the old headline"
        time.sleep(0.02)


def test_a_purged_page_is_served_stale_only_within_its_own_revalidation_window(
    varnish_in_front,
):
    """Within the page's stale-while-revalidate, the first reader after a purge gets the
    old copy at once (and the next the new one); past it, the first reader waits for the
    new copy: Varnish honours each page's window, not one of its own."""
    varnish, _stop_app = varnish_in_front
    news = SectionFactory(title="News", slug="news")
    story = ArticleFactory(parent=news, title="Tide report")
    listing = varnish + news.url

    fetch(listing)
    story.title = "Tide report: flood warning"
    story.save_revision().publish()
    status, headers, html = fetch(listing)
    assert (status, headers["X-Cache"]) == (200, "HIT")
    assert "flood warning" not in html  # the stale copy, while Varnish fetches the new
    deadline = time.monotonic() + 1.0
    while "flood warning" not in fetch(listing)[2]:
        assert time.monotonic() < deadline, "the new copy took over a second"
        time.sleep(0.02)

    with override_settings(NEWSDESK_CACHE_STALE_WHILE_REVALIDATE=1):
        sport = SectionFactory(title="Sport", slug="sport")
        regatta = ArticleFactory(parent=sport, title="Regatta")
        fetch(varnish + sport.url)
        regatta.title = "Regatta: all clear"
        regatta.save_revision().publish()
        time.sleep(1.5)  # past the window
        status, headers, html = fetch(varnish + sport.url)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert "all clear" in html


def test_an_unpublished_story_is_dropped_from_every_page_at_once(varnish_in_front):
    """An unpublish purges hard: no reader gets a page that showed the story again, not
    even once while Varnish fetches."""
    varnish, _stop_app = varnish_in_front
    news = SectionFactory(title="News", slug="news")
    story = ArticleFactory(parent=news, title="Tide report")
    ArticleFactory(parent=news, title="Regatta")
    pages = [varnish + story.url, varnish + news.url]
    for url in pages:
        fetch(url)
        assert fetch(url)[1]["X-Cache"] == "HIT"

    story.unpublish()

    assert fetch(pages[0])[0] == 404
    status, _headers, html = fetch(pages[1])
    assert status == 200
    assert "Regatta" in html and "Tide report" not in html
