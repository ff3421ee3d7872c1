"""With the database down readers get a clear 503 page, never a traceback."""

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def take_database_down(monkeypatch):
    """Every query from then on fails as with the server gone."""

    def refuse(*args, **kwargs):
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
