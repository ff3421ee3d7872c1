"""The ASGI front door answers fresh hits before Django, and hands on everything else."""

import asyncio

import pytest
from django.core.handlers.asgi import ASGIHandler

from newsdesk.caching.front_door import PageCacheFrontDoor

pytestmark = pytest.mark.django_db


class InnerApp:
    """Stands in for Django: counts what reaches it."""

    def __init__(self):
        self.calls = []

    async def __call__(self, scope, receive, send):
        self.calls.append(scope["path"])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def http_scope(path, method="GET", headers=(), query=b""):
    return {
        "type": "http",
        "method": method,
        "scheme": "http",
        "path": path,
        "query_string": query,
        "headers": [(b"host", b"testserver"), *headers],
    }


def call(app, scope):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start, body = sent[0], b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], dict(start["headers"]), body


def test_a_fresh_page_is_served_without_reaching_django(client, page_cache, story):
    stored = client.get(story.url)  # through Django: renders and stores
    inner = InnerApp()

    status, headers, body = call(PageCacheFrontDoor(inner), http_scope(story.url))

    assert inner.calls == []
    assert (status, body) == (200, stored.content)
    assert headers[b"x-cache"] == b"HIT"
    assert headers[b"content-length"] == str(len(body)).encode()
    assert headers[b"content-type"] == b"text/html; charset=utf-8"


def test_a_head_request_gets_the_headers_only(client, page_cache, story):
    client.get(story.url)
    status, headers, body = call(PageCacheFrontDoor(InnerApp()), http_scope(story.url, "HEAD"))
    assert status == 200 and body == b""
    assert int(headers[b"content-length"]) > 0


@pytest.mark.parametrize(
    "scope_changes",
    [
        {"headers": [(b"cookie", b"sessionid=abc")]},
        {"headers": [(b"authorization", b"Basic abc")]},
        {"method": "POST"},
        {"query": b"page=2"},  # not stored yet
    ],
)
def test_everything_else_goes_to_django(client, page_cache, story, scope_changes):
    client.get(story.url)
    inner = InnerApp()
    call(PageCacheFrontDoor(inner), http_scope(story.url, **scope_changes))
    assert inner.calls == [story.url]


def test_nothing_is_served_while_the_cache_is_off(client, story):
    inner = InnerApp()
    call(PageCacheFrontDoor(inner), http_scope(story.url))
    assert inner.calls == [story.url]


def test_the_entry_point_wraps_djangos_asgi_handler():
    from newsdesk.caching.asgi import application

    assert isinstance(application, PageCacheFrontDoor)
    assert isinstance(application.app, ASGIHandler)
