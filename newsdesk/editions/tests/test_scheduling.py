"""Scheduling and embargo hold per translation: a Spanish version set to go live later is
nowhere for readers until then (its URL, the feed, the English story's hreflang and
switcher), while the English story it translates is read as before."""

import re
from datetime import timedelta

import feedparser
import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.news.tests.factories import ArticleFactory

from .factories import edition_home, publish_parents, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled_translation():
    edition_home("es")
    story = ArticleFactory(title="Harbour wall vote")
    spanish = translate(story, "es", publish=False, title="Votación del muro", slug="votacion")
    publish_parents(spanish)
    spanish.go_live_at = timezone.now() + timedelta(hours=2)
    spanish.save_revision().publish()
    spanish.refresh_from_db()
    return story, spanish


def spanish_feed_titles(client):
    return {entry.title for entry in feedparser.parse(client.get("/es/feeds/rss/").content).entries}


def test_a_scheduled_translation_is_nowhere_until_it_goes_live(client, scheduled_translation):
    story, spanish = scheduled_translation
    assert not spanish.live
    assert client.get(spanish.get_url()).status_code == 404
    assert "Votación del muro" not in spanish_feed_titles(client)
    english = client.get(story.url)
    assert english.status_code == 200
    html = english.content.decode()
    assert not re.search(r'hreflang="es"[^>]*votacion', html)
    assert spanish.get_url() not in html  # the switcher leads to the Spanish front page

    # Two hours later: the clock reaches the go-live time, then the scheduler runs.
    passed = timezone.now() - timedelta(seconds=5)
    revision = spanish.scheduled_revision
    revision.approved_go_live_at = passed
    revision.content["go_live_at"] = passed.isoformat()
    revision.save()
    call_command("publish_scheduled")
    spanish.refresh_from_db()
    assert spanish.live
    assert client.get(spanish.get_url()).status_code == 200
    assert "Votación del muro" in spanish_feed_titles(client)
    assert re.search(r'hreflang="es"[^>]*votacion', client.get(story.url).content.decode())
