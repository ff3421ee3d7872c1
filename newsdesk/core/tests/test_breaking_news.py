"""Each edition's breaking-news banner: its own pages show it and no other edition's, it
takes itself down, and changing it purges the pages of its edition (and only those)."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Locale, Site

from newsdesk.core.models import BreakingNews
from newsdesk.editions.tests.factories import edition_home, publish_parents, translate
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(us_section):
    """A story and its Spanish translation, both published under their front pages."""
    edition_home("es")
    story = ArticleFactory(parent=us_section, title="Storm closes the harbour")
    historia = translate(story, "es", title="La tormenta cierra el puerto", slug="tormenta")
    publish_parents(historia)
    return story, historia


def banner(code, headline, link=None, **fields):
    found = BreakingNews.for_site(Site.objects.get(is_default_site=True), locale(code))
    found.headline, found.link = headline, link
    for name, value in fields.items():
        setattr(found, name, value)
    found.save()
    return found


def locale(code):
    return Locale.objects.get(language_code=code)


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_each_edition_shows_its_own_banner_and_no_other(client, stories):
    story, historia = stories
    banner("en", "Storm warning", story)
    banner("es", "Alerta por tormenta", historia)
    for url in ("/", story.url):
        page = html(client, url)
        assert f'<a href="{story.url}" dir="auto">Storm warning</a>' in page
        assert "Alerta por tormenta" not in page
    for url in ("/es/", historia.url):
        page = html(client, url)
        assert f'<a href="{historia.url}" dir="auto">Alerta por tormenta</a>' in page
        assert "Storm warning" not in page


def test_an_edition_without_a_banner_of_its_own_shows_none(client, stories):
    banner("en", "Storm warning")
    edition_home("ar")
    for url in ("/es/", stories[1].url, "/ar/"):
        assert 'class="breaking"' not in html(client, url)
    assert 'class="breaking"' in html(client, "/")


def test_an_expired_banner_shows_in_no_edition(client, stories):
    spanish = banner("es", "Alerta por tormenta")
    BreakingNews.objects.filter(pk=spanish.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert 'class="breaking"' not in html(client, "/es/")


def test_a_banner_on_a_page_readers_may_not_see_shows_without_its_link(client, stories):
    _, historia = stories
    banner("es", "Alerta por tormenta", historia)
    historia.unpublish()
    page = html(client, "/es/")
    assert '<span dir="auto">Alerta por tormenta</span>' in page
    assert historia.url not in page


def test_a_banner_links_pages_of_its_own_edition_only(stories):
    story, historia = stories
    spanish = BreakingNews.for_site(Site.objects.get(is_default_site=True), locale("es"))
    spanish.headline, spanish.link = "Alerta", story
    with pytest.raises(ValidationError, match="own edition"):
        spanish.full_clean()
    spanish.link = historia
    spanish.full_clean()


def test_changing_the_spanish_banner_purges_the_spanish_pages_only(
    client, stories, page_cache, commits
):
    story, historia = stories
    watched = {"/", story.url, "/es/", historia.url}
    for url in watched:  # each edition's banner is made, empty, as its pages first look
        assert client.get(url)["X-Cache"] == "MISS"

    with commits():
        banner("es", "Alerta por tormenta")

    stale = {url for url in watched if client.get(url)["X-Cache"] == "MISS"}
    assert stale == {"/es/", historia.url}
    assert "Alerta por tormenta" in html(client, "/es/")


def test_the_sites_one_banner_became_the_default_editions():
    migration = import_module("newsdesk.core.migrations.0005_breakingnews_per_edition")
    site = Site.objects.get(is_default_site=True)
    before = BreakingNews.objects.create(site=site, locale=locale("es"), headline="Storm")
    migration.to_default_edition(apps, None)
    before.refresh_from_db()
    assert before.locale == Locale.get_default()
