"""Pages are stored compressed once (brotli and gzip beside the page as rendered) and a
hit sends the stored bytes the request's Accept-Encoding prefers, from the middleware and
from both front doors."""

import gzip

import brotli
import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path

from newsdesk import urls as project_urls
from newsdesk.caching.encodings import choose_coding
from newsdesk.caching.front_door import PageCacheFrontDoor, WSGIPageCacheFrontDoor
from newsdesk.caching.representations import representations_of
from newsdesk.caching.store import page_store
from newsdesk.news.models import ArticlePage
from newsdesk.users.models import User

from .test_front_door import InnerApp as AsgiInner
from .test_front_door import call as call_asgi
from .test_front_door import http_scope
from .test_wsgi_front_door import InnerApp as WsgiInner
from .test_wsgi_front_door import call as call_wsgi
from .test_wsgi_front_door import environ_for

DECODERS = {"identity": lambda body: body, "gzip": gzip.decompress, "br": brotli.decompress}


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        (None, "identity"),
        ("", "identity"),
        ("gzip", "gzip"),
        ("br", "br"),
        ("gzip, deflate, br", "br"),  # equal weights: the smaller coding
        ("GZip", "gzip"),
        ("x-gzip", "gzip"),
        ("br;q=0.5, gzip", "gzip"),
        ("br;q=0.5, gzip;q=0.4", "br"),
        ("gzip;q=0.8, identity;q=0.9", "identity"),
        ("gzip;q=0.8, identity", "identity"),
        ("gzip;q=0, br;q=0", "identity"),
        ("br;q=0, gzip", "gzip"),
        ("gzip ; Q=0.001", "gzip"),
        ("br;q=1.000", "br"),
        ("gzip;level=1", "gzip"),  # other parameters do not matter
        ("*", "br"),
        ("*, br;q=0", "gzip"),
        ("*;q=0", "identity"),  # refuses everything: identity rather than a 406
        ("identity;q=0", "identity"),
        ("identity;q=0, *;q=0", "identity"),
        ("deflate, zstd", "identity"),  # codings the store does not keep
        # Malformed items are left out, the rest is read.
        ("gzip;q=2", "identity"),
        ("gzip;q=high, br", "br"),
        ("gzip;q=0.0001", "identity"),
        ("g zip, br;q=0.1", "br"),
        (", ,;,gzip", "gzip"),
        ("\x00\xff;;==,", "identity"),
        ("gzip;q=", "identity"),
        ("br;q=0.1, " * 5000 + "gzip", "gzip"),
    ],
)
def test_the_coding_is_chosen_by_accept_encoding_and_its_q_values(header, chosen):
    assert choose_coding(header, ("br", "gzip")) == chosen


def test_only_codings_the_page_has_are_chosen():
    assert choose_coding("br", ("gzip",)) == "identity"
    assert choose_coding("br, gzip;q=0.5", ("gzip",)) == "gzip"


def test_each_coding_is_the_body_compressed_with_its_own_strong_etag():
    body = "<p>A harbour wall, built again.</p>" * 50
    representations = representations_of(HttpResponse(body))
    assert [r.coding for r in representations] == ["identity", "br", "gzip"]
    for representation in representations:
        assert DECODERS[representation.coding](representation.body) == body.encode()
        assert representation.etag.startswith('"')
    assert len({r.etag for r in representations}) == 3


def test_a_views_own_etag_is_kept_and_weakened_for_the_compressed_bodies():
    response = HttpResponse("<p>tide</p>" * 100, headers={"ETag": '"v7"'})
    etags = [r.etag for r in representations_of(response)]
    assert etags == ['"v7"', 'W/"v7"', 'W/"v7"']


@pytest.mark.parametrize(
    "response",
    [
        HttpResponse(b"\x89PNG" * 500, content_type="image/png"),
        HttpResponse("<p>short</p>"),
        HttpResponse(gzip.compress(b"x" * 5000), headers={"Content-Encoding": "gzip"}),
    ],
    ids=["not text", "too short", "encoded by the view"],
)
def test_some_bodies_are_kept_as_they_are(response):
    representations = representations_of(response)
    assert [r.coding for r in representations] == ["identity"]
    assert "Vary" not in response


def get(client, url, accept_encoding=None, **extra):
    if accept_encoding is not None:
        extra["HTTP_ACCEPT_ENCODING"] = accept_encoding
    return client.get(url, **extra)


@pytest.mark.parametrize(
    ("accept_encoding", "coding"),
    [("br, gzip", "br"), ("gzip", "gzip"), ("br;q=0, gzip;q=0", "identity"), (None, "identity")],
)
def test_a_hit_sends_the_stored_coding_which_decodes_to_the_page(
    client, page_cache, story, accept_encoding, coding
):
    page = Client().get(story.url).content  # stores the page, without Accept-Encoding
    response = get(client, story.url, accept_encoding)

    assert response["X-Cache"] == "HIT"
    assert response.get("Content-Encoding", "identity") == coding
    assert DECODERS[coding](response.content) == page
    assert response["Content-Length"] == str(len(response.content))
    assert "Accept-Encoding" in response["Vary"]
    assert response["ETag"].startswith('"')


def test_the_miss_that_stores_the_page_is_sent_compressed_too(client, page_cache, story):
    first = get(client, story.url, "gzip")
    second = get(client, story.url, "gzip")
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert first["Content-Encoding"] == "gzip"
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]


def test_a_compressed_page_is_much_smaller(client, page_cache, story):
    identity = len(get(client, story.url).content)
    gzipped = len(get(client, story.url, "gzip").content)
    brotli_size = len(get(client, story.url, "br").content)
    assert brotli_size < gzipped < identity / 3


def test_a_hit_compresses_nothing(client, page_cache, story, monkeypatch):
    """Stored once; then every door answers with the compressor broken."""
    get(client, story.url, "br")

    def broken(*args, **kwargs):
        raise AssertionError("compressed on a hit")

    monkeypatch.setattr("newsdesk.caching.representations.compress", broken)
    monkeypatch.setattr("newsdesk.caching.encodings.compress", broken)
    for coding in ("br", "gzip", "identity"):
        assert get(client, story.url, coding)["X-Cache"] == "HIT"
        headers = [(b"accept-encoding", coding.encode())]
        status, sent, _body = call_asgi(
            PageCacheFrontDoor(AsgiInner()), http_scope(story.url, headers=headers)
        )
        assert (status, sent[b"x-cache"]) == (200, b"HIT")
        environ = environ_for(story.url, HTTP_ACCEPT_ENCODING=coding)
        status, sent, _body = call_wsgi(WSGIPageCacheFrontDoor(WsgiInner()), environ)
        assert (status, sent["x-cache"]) == ("200 OK", "HIT")


def test_each_coding_has_its_own_etag_and_answers_304_to_it(client, page_cache, story):
    etags = {coding: get(client, story.url, coding)["ETag"] for coding in ("br", "gzip", "")}
    assert len(set(etags.values())) == 3

    not_modified = get(client, story.url, "gzip", HTTP_IF_NONE_MATCH=etags["gzip"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etags["gzip"]
    assert "Accept-Encoding" in not_modified["Vary"]
    assert "s-maxage" in not_modified["Cache-Control"]
    assert "Content-Encoding" not in not_modified
    # Another coding's ETag is not this representation's: the page is sent.
    assert get(client, story.url, "br", HTTP_IF_NONE_MATCH=etags["gzip"]).status_code == 200


@pytest.mark.parametrize(
    ("if_none_match", "status"),
    [
        ("{etag}", 304),
        ("W/{etag}", 304),  # If-None-Match compares weakly
        ('"other", {etag}', 304),
        ("*", 304),
        ('"other"', 200),
        ("not an etag", 200),
        ("", 200),
    ],
)
def test_if_none_match(client, page_cache, story, if_none_match, status):
    etag = get(client, story.url, "br")["ETag"]
    header = if_none_match.format(etag=etag)
    assert get(client, story.url, "br", HTTP_IF_NONE_MATCH=header).status_code == status


def test_a_head_request_gets_the_codings_headers_and_no_body(client, page_cache, story):
    body = get(client, story.url, "br").content
    response = client.head(story.url, HTTP_ACCEPT_ENCODING="br")
    assert response["X-Cache"] == "HIT"
    assert response["Content-Encoding"] == "br"
    assert response["Content-Length"] == str(len(body))
    assert response.content == b""


def test_a_range_request_gets_the_whole_page(client, page_cache, story):
    """The cache sends no ranges (nor says it would): a Range request gets the page."""
    body = get(client, story.url, "gzip").content
    response = get(client, story.url, "gzip", HTTP_RANGE="bytes=0-9")
    assert response.status_code == 200
    assert response.content == body
    assert "Accept-Ranges" not in response


def test_a_purge_retires_every_coding(client, page_cache, story):
    for coding in CODINGS_ASKED:
        assert b"Sea wall vote" in decoded(get(client, story.url, coding))
    # Changed behind the cache's back (no publish, so no purge of its own).
    ArticlePage.objects.filter(pk=story.pk).update(title="Sea wall vote delayed")
    assert b"delayed" not in decoded(get(client, story.url, "br"))

    page_store().purge_paths([story.url])

    for coding in CODINGS_ASKED:
        assert b"Sea wall vote delayed" in decoded(get(client, story.url, coding))


CODINGS_ASKED = ("br", "gzip", "")


def decoded(response):
    return DECODERS[response.get("Content-Encoding", "identity")](response.content)


def test_a_redirect_is_stored_as_it_is(client, page_cache, story):
    get(client, story.url.rstrip("/"), "br")
    response = get(client, story.url.rstrip("/"), "br")
    assert (response.status_code, response["X-Cache"]) == (301, "HIT")
    assert "Content-Encoding" not in response
    assert "ETag" not in response


def test_signed_in_readers_pages_are_not_compressed(client, page_cache, story):
    """Personal pages may hold a CSRF token or other secret beside what a reader typed:
    the app never compresses them (BREACH)."""
    client.force_login(User.objects.create_user("editor", password="x"))
    response = get(client, story.url, "br, gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"<html" in response.content


def form_with_a_csrf_token(request):
    return HttpResponse(f"<form><input value='{get_token(request)}'></form>" * 20)


urlpatterns = [path("form/", form_with_a_csrf_token), *project_urls.urlpatterns]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("cache_on", [True, False])
def test_a_page_holding_a_csrf_token_is_neither_stored_nor_compressed(settings, cache_on):
    settings.NEWSDESK_CACHE_ENABLED = cache_on
    response = Client().get("/form/", HTTP_ACCEPT_ENCODING="br, gzip")
    assert "csrftoken" in response.cookies
    assert "Content-Encoding" not in response
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_with_the_page_cache_off_the_page_is_still_sent_compressed(client, story):
    """For Varnish: only the coding asked for is made."""
    page = get(client, story.url).content
    response = get(client, story.url, "gzip")
    assert "X-Cache" not in response
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == page


@pytest.mark.parametrize("door", ["asgi", "wsgi"])
@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_the_front_doors_send_the_stored_coding(client, page_cache, story, door, coding):
    page = get(client, story.url).content
    etag = get(client, story.url, coding)["ETag"]
    if door == "asgi":
        headers = [(b"accept-encoding", coding.encode())]
        status, sent, body = call_asgi(
            PageCacheFrontDoor(AsgiInner()), http_scope(story.url, headers=headers)
        )
        sent = {name.decode(): value.decode() for name, value in sent.items()}
        revalidated = call_asgi(
            PageCacheFrontDoor(AsgiInner()),
            http_scope(story.url, headers=[*headers, (b"if-none-match", etag.encode())]),
        )[0]
    else:
        environ = environ_for(story.url, HTTP_ACCEPT_ENCODING=coding)
        status, sent, body = call_wsgi(WSGIPageCacheFrontDoor(WsgiInner()), environ)
        status = int(status.split()[0])
        revalidated = call_wsgi(
            WSGIPageCacheFrontDoor(WsgiInner()), {**environ, "HTTP_IF_NONE_MATCH": etag}
        )[0]
        revalidated = int(revalidated.split()[0])
    assert status == 200
    assert sent["content-encoding"] == coding
    assert sent["content-length"] == str(len(body))
    assert sent["etag"] == etag
    assert "Accept-Encoding" in sent["vary"]
    assert DECODERS[coding](body) == page
    assert revalidated == 304
