"""With the database down readers get a clear 503 page, never a traceback, wherever the
outage is met and with DEBUG on or off; and stale pages are served at once."""

import time

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client, override_settings

from newsdesk.caching.store import page_store

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempts():
    return []


@pytest.fixture
def take_database_down(monkeypatch, attempts):
    """Every query from then on fails as with the server gone; each try is counted."""

    def refuse(*args, **kwargs):
        attempts.append(time.monotonic())
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')

    def take_down():
        monkeypatch.setattr(CursorWrapper, "execute", refuse)
        monkeypatch.setattr(CursorWrapper, "executemany", refuse)

    return take_down


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "cannot reach its database" in html
    assert "Traceback" not in html
    assert "OperationalError" not in html


def test_a_page_asked_for_while_the_database_is_down_answers_503(story, take_database_down):
    url = story.url
    take_database_down()
    assert_outage_page(Client(raise_request_exception=False).get(url))


def test_an_outage_met_in_a_middleware_answers_503_too(take_database_down):
    # The session middleware reads the session before any view runs.
    take_database_down()
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "abc"
    assert_outage_page(client.get("/no-such-page/"))


def test_other_errors_stay_server_errors(story, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr("newsdesk.news.models.ArticlePage.serve", broken)
    response = Client(raise_request_exception=False).get(story.url)
    assert response.status_code == 500


def test_the_health_check_fails_while_the_database_is_down(client, take_database_down):
    take_database_down()
    response = client.get("/healthz/")
    assert response.status_code == 503


def test_the_health_check_passes_while_the_database_answers(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
@override_settings(NEWSDESK_CACHE_ROUTES=True)
def test_an_outage_in_the_route_memory_answers_503_with_debug_on_or_off(
    story, take_database_down, debug
):
    # RouteMemoryMiddleware looks the site up before Wagtail's view runs (as `make run`).
    urls = ["/", story.url]
    take_database_down()
    with override_settings(DEBUG=debug):
        for url in urls:
            assert_outage_page(Client(raise_request_exception=False).get(url))


@override_settings(DEBUG=True)
def test_an_outage_in_the_session_middleware_answers_503_with_debug_on(take_database_down):
    take_database_down()
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "abc"
    assert_outage_page(client.get("/no-such-page/"))


@override_settings(DEBUG=True)
def test_other_errors_still_show_the_debug_page(story, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr("newsdesk.news.models.ArticlePage.serve", broken)
    response = Client(raise_request_exception=False).get(story.url)
    assert response.status_code == 500
    assert "ValueError" in response.content.decode()


# --- the circuit breaker ---------------------------------------------------------------


def stale(page_cache, url):
    """The page stored, then purged: the next reader's request would render it again."""
    assert Client().get(url)["X-Cache"] == "MISS"
    page_store().purge_paths([url])


def test_after_an_outage_stale_pages_are_served_without_trying_the_database(
    page_cache, story, take_database_down, attempts, closed_breaker
):
    stale(page_cache, story.url)
    take_database_down()
    first = Client(raise_request_exception=False).get(story.url)
    assert (first.status_code, first["X-Cache"]) == (200, "STALE")
    assert attempts and closed_breaker.is_open
    tried = len(attempts)

    for _ in range(9):
        response = Client().get(story.url)
        assert (response.status_code, response["X-Cache"]) == (200, "STALE")
    assert len(attempts) == tried  # not tried again within the window


def test_a_page_the_cache_lacks_is_still_rendered_while_the_breaker_is_open(
    page_cache, story, news, take_database_down, attempts, monkeypatch, closed_breaker
):
    # Its outage may be a passing error (SQLite's "database is locked"): it is tried.
    stale(page_cache, story.url)
    take_database_down()
    Client(raise_request_exception=False).get(story.url)
    tried = len(attempts)
    assert_outage_page(Client(raise_request_exception=False).get(news.url))
    assert len(attempts) > tried
    monkeypatch.undo()
    assert Client().get(news.url).status_code == 200
    assert closed_breaker.is_open  # stale pages are still served without trying


@override_settings(NEWSDESK_CACHE_OUTAGE_SECONDS=0.3)
def test_after_the_window_one_request_tries_the_database_again(
    page_cache, story, take_database_down, attempts, monkeypatch, closed_breaker
):
    stale(page_cache, story.url)
    take_database_down()
    Client(raise_request_exception=False).get(story.url)
    time.sleep(0.35)
    tried = len(attempts)
    assert Client(raise_request_exception=False).get(story.url)["X-Cache"] == "STALE"
    assert len(attempts) > tried  # the probe
    probed = len(attempts)
    assert Client().get(story.url)["X-Cache"] == "STALE"
    assert len(attempts) == probed  # and the window is open again

    monkeypatch.undo()  # the database is back
    time.sleep(0.35)
    assert Client().get(story.url)["X-Cache"] == "MISS"
    assert not closed_breaker.is_open
    assert Client().get(story.url)["X-Cache"] == "HIT"
