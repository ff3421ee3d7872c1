"""Comments behind the real front: deploy/varnish/default.vcl in front of a live server,
readers on distinct loopback addresses (127.0.0.x). Readers are limited each on their
own, not all as Varnish; a forged X-Forwarded-For changes nothing; and a reader who has
read the comments still gets other pages from Varnish and from the app's page cache.

Needs Debian's varnish package (skipped without it locally, failed under CI=true)."""

import functools
import http.client
import json
import re
import shutil
import urllib.request
from http.cookiejar import Cookie, CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode

import pytest
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from conftest import skip_or_fail
from deploy.localprod import Processes, free_port, start_varnish
from newsdesk.comments.models import Comment
from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def front(tmp_path):
    """(Varnish's URL, the app's own URL), Varnish being the one proxy in front."""
    if shutil.which("varnishd") is None:
        skip_or_fail("varnishd not found: apt-get install varnish")
    processes = Processes(tmp_path)
    with override_settings(
        NEWSDESK_TRUSTED_PROXY_COUNT=1,
        NEWSDESK_CACHE_ENABLED=True,
        NEWSDESK_COMMENTS_MIN_SUBMIT_SECONDS=0,
        NEWSDESK_COMMENTS_RATE_LIMITS=[(3, 60)],
    ):
        server = LiveServer("127.0.0.1")
        try:
            port = free_port()
            start_varnish(processes, port, server.thread.port, memory="32m")
            yield f"http://127.0.0.1:{port}", server.url
        finally:
            processes.stop_all()
            server.stop()


class FromAddress(urllib.request.HTTPHandler):
    """Connections from one loopback address: a reader of their own."""

    def __init__(self, address):
        super().__init__()
        self.address = address

    def http_open(self, req):
        connection = functools.partial(http.client.HTTPConnection, source_address=(self.address, 0))
        return self.do_open(connection, req)


class Reader:
    """A browser: its own address and cookie jar (which keeps each cookie to its path)."""

    def __init__(self, address="127.0.0.1"):
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            FromAddress(address), urllib.request.HTTPCookieProcessor(self.cookies)
        )
        self.csrf_token = self.form_token = None

    def get(self, url):
        with self.opener.open(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode()

    def open_comments(self, base, article):
        html = self.get(f"{base}/comments/article/{article.pk}/fragment/")[2]
        self.csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        self.form_token = re.search(r'name="form_token" value="([^"]+)"', html)[1]

    def post_comment(self, base, article, body, *, headers=None, with_csrf=True):
        fields = {
            "form_token": self.form_token,
            "body": body,
            "author_name": "A reader",
            "author_email": f"{body.split()[0].lower()}@example.org",
        }
        if with_csrf:
            fields["csrfmiddlewaretoken"] = self.csrf_token
        request = urllib.request.Request(
            f"{base}/comments/article/{article.pk}/post/",
            data=urlencode(fields).encode(),
            headers={"Accept": "application/json", "Referer": base + "/", **(headers or {})},
        )
        try:
            with self.opener.open(request, timeout=10) as response:
                self.form_token = json.loads(response.read())["form_token"]
                return response.status
        except HTTPError as error:
            return error.code


def story(title):
    return ArticleFactory(parent=SectionFactory(title=f"Section for {title}"), title=title)


def test_readers_behind_varnish_are_limited_each_on_their_own(front):
    varnish, _app = front
    article = story("Sea wall vote")
    ada, bo = Reader("127.0.0.2"), Reader("127.0.0.3")
    ada.open_comments(varnish, article)
    bo.open_comments(varnish, article)

    ada_statuses = [ada.post_comment(varnish, article, f"Ada{n} says yes") for n in range(4)]
    # Forging a first hop does not make Ada someone else.
    forged = ada.post_comment(
        varnish, article, "Ada9 again", headers={"X-Forwarded-For": "10.9.8.7, 192.0.2.1"}
    )
    bo_statuses = [bo.post_comment(varnish, article, f"Bo{n} says no") for n in range(3)]

    assert ada_statuses == [201, 201, 201, 429]
    assert forged == 429
    assert bo_statuses == [201, 201, 201]  # not limited by Ada's comments
    addresses = Comment.objects.values_list("ip_address", flat=True)
    assert sorted(set(addresses)) == ["127.0.0.2", "127.0.0.3"]


def test_a_reader_who_read_the_comments_still_gets_cached_pages(front):
    varnish, app = front
    read, other = story("Harbour report"), story("Tide tables")
    reader = Reader("127.0.0.4")
    assert reader.get(varnish + read.url)[0] == 200
    reader.open_comments(varnish, read)
    assert any(cookie.name == "csrftoken" for cookie in reader.cookies)

    Reader("127.0.0.5").get(varnish + other.url)  # someone else fetched it first
    status, headers, html = reader.get(varnish + other.url)
    assert (status, headers["X-Cache"]) == (200, "HIT")
    assert "Tide tables" in html

    Reader("127.0.0.5").get(app + other.url)
    assert reader.get(app + other.url)[1]["X-Cache"] == "HIT"  # the app's own cache too

    # And the cookie still goes where it is needed: the post is taken.
    assert reader.post_comment(varnish, read, "Carla thinks the wall is overdue") == 201
    assert Comment.objects.get().body == "Carla thinks the wall is overdue"


def test_a_post_without_the_csrf_token_is_refused_behind_varnish(front):
    varnish, _app = front
    article = story("Ferry timetable")
    reader = Reader("127.0.0.6")
    reader.open_comments(varnish, article)
    assert reader.post_comment(varnish, article, "Dan has no token", with_csrf=False) == 403
    assert not Comment.objects.exists()


def site_wide_csrf_cookie(value):
    """A csrftoken on "/", as Django set it before the comments scoped theirs."""
    return Cookie(
        0, "csrftoken", value, None, False, "127.0.0.1", False, False, "/", True,
        False, None, False, None, None, {},
    )  # fmt: skip


def test_a_reader_with_an_old_site_wide_csrf_cookie_gets_cached_pages_after_comments(front):
    varnish, app = front
    read, other = story("Lifeboat appeal"), story("Harbour dues")
    reader = Reader("127.0.0.7")
    reader.cookies.set_cookie(site_wide_csrf_cookie("b" * 32))
    Reader("127.0.0.5").get(varnish + other.url)
    assert reader.get(varnish + other.url)[1]["X-Cache"] == "MISS"  # passed: the old cookie

    reader.open_comments(varnish, read)
    assert [(cookie.path, cookie.value) for cookie in reader.cookies] == [("/comments/", "b" * 32)]
    assert reader.get(varnish + other.url)[1]["X-Cache"] == "HIT"
    Reader("127.0.0.5").get(app + other.url)
    assert reader.get(app + other.url)[1]["X-Cache"] == "HIT"
    assert reader.post_comment(varnish, read, "Erin backs the appeal") == 201
