"""Wagtail's database backend searches with the database's own full-text engine:
PostgreSQL's in production (`make test` runs this file on PostgreSQL too), SQLite's FTS5
in development."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from newsdesk.news.tests.factories import ArticleFactory


def test_production_uses_the_database_backend():
    # The production settings insist on a SECRET_KEY from the environment: read them in a
    # process of their own.
    script = (
        "import json; from newsdesk.settings import production; "
        "print(json.dumps(production.WAGTAILSEARCH_BACKENDS))"
    )
    env = {**os.environ, "SECRET_KEY": "only-to-read-the-settings"}
    env.pop("SEARCH_CONFIG", None)
    run = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    backend = json.loads(run.stdout)["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.database"
    assert backend["SEARCH_CONFIG"] == "english"


@pytest.mark.django_db
def test_the_backend_is_the_databases_full_text_search():
    expected = {
        "postgresql": "EditionSearchBackend",  # newsdesk/editions/search.py: stems per edition
        "sqlite": "SQLiteSearchBackend",
    }[connection.vendor]
    assert type(get_search_backend()).__name__ == expected


@pytest.mark.django_db
def test_postgresql_matches_words_by_their_stem(client, us_section):
    if connection.vendor != "postgresql":
        pytest.skip("stemming is PostgreSQL's (english configuration); runs in make test")
    ArticleFactory(parent=us_section, title="Floods close the harbour road")
    html = client.get("/search/", {"q": "flooding"}).content.decode()
    assert "Floods close the harbour road" in html.replace("<mark>", "").replace("</mark>", "")
