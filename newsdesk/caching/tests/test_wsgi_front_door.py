"""The WSGI front door (the production pages' server) answers fresh hits before Django,
and hands on everything else."""

from urllib.parse import unquote

import pytest
from django.core.handlers.wsgi import WSGIHandler

from newsdesk.caching.front_door import WSGIPageCacheFrontDoor
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class InnerApp:
    """Stands in for Django: counts what reaches it."""

    def __init__(self):
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append(environ["PATH_INFO"])
        start_response("204 No Content", [])
        return [b""]


def environ_for(path, method="GET", query="", **headers):
    return {
        "REQUEST_METHOD": method,
        # WSGI servers hand the path over percent-decoded, its bytes as latin-1.
        "PATH_INFO": unquote(path).encode("utf-8").decode("latin-1"),
        "QUERY_STRING": query,
        "wsgi.url_scheme": "http",
        "HTTP_HOST": "testserver",
        **headers,
    }


def call(app, environ):
    started = {}

    def start_response(status, headers):
        started.update(status=status, headers=dict(headers))

    body = b"".join(app(environ, start_response))
    return started["status"], started["headers"], body


def test_a_fresh_page_is_served_without_reaching_django(client, page_cache, story):
    stored = client.get(story.url)
    inner = InnerApp()

    status, headers, body = call(WSGIPageCacheFrontDoor(inner), environ_for(story.url))

    assert inner.calls == []
    assert (status, body) == ("200 OK", stored.content)
    assert headers["x-cache"] == "HIT"
    assert headers["content-length"] == str(len(body))
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_a_page_with_a_non_ascii_path_is_found(client, page_cache, us_section):
    story = ArticleFactory(parent=us_section, title="Café reopens", slug="café-reopens")
    assert client.get(story.url).status_code == 200
    inner = InnerApp()
    status, _headers, _body = call(WSGIPageCacheFrontDoor(inner), environ_for(story.url))
    assert (status, inner.calls) == ("200 OK", [])


def test_a_head_request_gets_the_headers_only(client, page_cache, story):
    client.get(story.url)
    status, headers, body = call(
        WSGIPageCacheFrontDoor(InnerApp()), environ_for(story.url, method="HEAD")
    )
    assert status == "200 OK" and body == b""
    assert int(headers["content-length"]) > 0


@pytest.mark.parametrize(
    "changes",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_AUTHORIZATION": "Basic abc"},
        {"method": "POST"},
        {"query": "page=2"},  # not stored yet
    ],
)
def test_everything_else_goes_to_django(client, page_cache, story, changes):
    client.get(story.url)
    inner = InnerApp()
    call(WSGIPageCacheFrontDoor(inner), environ_for(story.url, **changes))
    assert inner.calls == [story.url]


def test_nothing_is_served_while_the_cache_is_off(client, story):
    inner = InnerApp()
    call(WSGIPageCacheFrontDoor(inner), environ_for(story.url))
    assert inner.calls == [story.url]


def test_the_entry_point_wraps_djangos_wsgi_handler():
    from newsdesk.caching.wsgi import application

    assert isinstance(application, WSGIPageCacheFrontDoor)
    assert isinstance(application.app, WSGIHandler)
