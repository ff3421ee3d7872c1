"""Search per edition: each edition's stories only, matched by that language's stems on
PostgreSQL (SQLite's FTS5 matches words as written: the embedded default's best)."""

import pytest
from django.db import connection

from newsdesk.news.tests.factories import ArticleFactory

from .factories import edition_home, publish_parents, translate

pytestmark = pytest.mark.django_db


def shown(html):
    return html.replace("<mark>", "").replace("</mark>", "")


@pytest.fixture
def spanish_story():
    edition_home("es")
    english = ArticleFactory(title="Floods close the harbour road", standfirst="Water rose.")
    spanish = translate(
        english,
        "es",
        title="Las inundaciones cierran la carretera del puerto",
        slug="inundaciones-carretera",
        standfirst="El agua subió.",
    )
    publish_parents(spanish)
    return english, spanish


def test_each_edition_searches_its_own_stories(client, spanish_story):
    english, spanish = spanish_story
    html = shown(client.get("/es/search/", {"q": "inundaciones"}).content.decode())
    assert spanish.title in html
    assert (
        shown(client.get("/search/", {"q": "inundaciones"}).content.decode()).count(spanish.title)
        == 0
    )
    html = shown(client.get("/es/search/", {"q": "floods"}).content.decode())
    assert english.title not in html


def test_postgresql_stems_each_edition_in_its_language(client, spanish_story):
    if connection.vendor != "postgresql":
        pytest.skip(
            "stemming per language is PostgreSQL's text search configurations: "
            "run with DATABASE_URL=postgres://root@127.0.0.1:5432/test (make test does)"
        )
    english, spanish = spanish_story
    # "inundación" and "inundaciones" share the Spanish stem "inund".
    html = shown(client.get("/es/search/", {"q": "inundación"}).content.decode())
    assert spanish.title in html
    html = shown(client.get("/search/", {"q": "flooding"}).content.decode())
    assert english.title in html
