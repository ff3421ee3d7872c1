"""Fragments kept below the page cache: the same page as a full render, retired by
exactly the purges that retire pages, never used for previews or editors."""

import re
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from newsdesk.caching import fragments as fragments_module
from newsdesk.core.models import BreakingNews, NewsroomSettings
from newsdesk.editions.tests.factories import edition_home, locale
from newsdesk.live.tests.factories import LiveChannelFactory
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def render(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response


def test_a_page_made_of_fragments_is_the_page_a_full_render_makes(client, story):
    full = render(client, story.url).content
    with override_settings(NEWSDESK_CACHE_FRAGMENTS=True):
        render(client, story.url)
        from_fragments = render(client, story.url).content
    assert from_fragments == full


def test_fragments_spare_the_queries_of_a_second_render(
    client, fragments, story, django_assert_max_num_queries
):
    render(client, story.url)
    with django_assert_max_num_queries(4):  # site, page, view restrictions (2)
        response = render(client, story.url)
    assert story.title in response.content.decode()


def test_the_header_is_one_copy_for_every_page(client, fragments, us_section):
    first = ArticleFactory(parent=us_section, title="Harbour tolls rise")
    second = ArticleFactory(parent=us_section, title="Ferry timetable changes")
    with CaptureQueriesContext(connection) as nothing_kept:
        render(client, first.url)
    with CaptureQueriesContext(connection) as header_kept:
        render(client, second.url)  # its own parts rendered, the header and footer not
    header_tables = ("core_breakingnews", "live_livechannel")
    assert reads_any(nothing_kept, header_tables)
    assert not reads_any(header_kept, header_tables)


def test_a_page_made_with_a_header_kept_long_ago_is_as_fresh_as_any(
    client, fragments, us_section, monkeypatch
):
    """A kept fragment's own freshness is no moment the page changes at (a banner's end
    is: the tests below). Every page rendered with the shared header would otherwise
    expire when the header does, all at once."""
    first = ArticleFactory(parent=us_section, title="Harbour tolls rise")
    second = ArticleFactory(parent=us_section, title="Ferry timetable changes")
    render(client, first.url)
    later = time.time() + 3550  # the header kept 50 s before its end, to the fragments
    monkeypatch.setattr(fragments_module, "time", SimpleNamespace(time=lambda: later))
    cache_control = render(client, second.url)["Cache-Control"]
    assert "s-maxage=3600" in cache_control
    assert "stale-while-revalidate=3600" in cache_control


def reads_any(queries, tables):
    return any(table in query["sql"] for query in queries for table in tables)


def test_each_section_marks_itself_in_a_shared_header(client, fragments, story, opinion):
    elsewhere = ArticleFactory(parent=opinion, title="Why the wall matters")
    render(client, story.url)
    response = render(client, elsewhere.url)
    assert 'href="/opinion/" aria-current="true"' in response.content.decode()
    assert 'href="/news/" aria-current' not in response.content.decode()


def test_the_header_marks_the_right_section_under_any_site_root(
    client, fragments, news, us_section, site_root_paths, commits
):
    site = Site.objects.get(is_default_site=True)
    site.root_page = news  # a site rooted one level down: U.S. is a top-level section
    with commits():
        site.save()
    in_us = ArticleFactory(parent=us_section, title="Harbour tolls rise")
    at_root = ArticleFactory(parent=news, title="Ferry timetable changes")
    assert 'href="/us/" aria-current="true"' in render(client, in_us.url).content.decode()
    assert "aria-current" not in render(client, at_root.url).content.decode()


def test_a_new_headline_retires_the_story_fragment(client, fragments, story, commits):
    render(client, story.url)
    story.title = "Sea wall vote delayed"
    with commits():
        story.save_revision().publish()
    assert headline(render(client, story.url)) == "Sea wall vote delayed"


def test_a_change_every_page_shows_retires_the_shared_header(client, fragments, story, commits):
    render(client, story.url)
    settings = NewsroomSettings.for_site(story.get_site())
    settings.tagline = "Harbour news since 1901"
    with commits():
        settings.save()
    assert "Harbour news since 1901" in render(client, story.url).content.decode()


def test_a_page_lasts_no_longer_than_the_banner_in_its_header(client, fragments, story):
    BreakingNews.objects.create(
        site=story.get_site(),
        headline="Bridge closed",
        expires_at=timezone.now() + timedelta(seconds=90),
    )
    render(client, story.url)
    second = render(client, story.url)  # the header from its fragment
    assert "Bridge closed" in second.content.decode()
    max_age = int(second["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < max_age <= 90


def test_a_preview_shows_the_draft_not_the_kept_fragment(client, fragments, story):
    render(client, story.url)
    story.title = "Draft headline"
    preview = story.make_preview_request()
    assert headline(preview) == "Draft headline"
    assert headline(render(client, story.url)) == "Sea wall vote"


def headline(response):
    return re.search(r'class="article__headline"[^>]*>([^<]*)<', response.content.decode())[1]


def test_signed_in_editors_never_get_fragments(client, fragments, story, editor):
    render(client, story.url)
    story.title = "Saved without a purge"
    story.save_revision().publish()  # never committed: no purge, the fragment still stands
    assert headline(render(client, story.url)) == "Sea wall vote"
    client.force_login(editor)
    assert headline(render(client, story.url)) == "Saved without a purge"


def test_odd_query_strings_get_their_own_fragments(client, fragments, story):
    plain = render(client, story.url).content
    odd = render(client, story.url + "?q=%3Cscript%3Ealert(1)%3C/script%3E&page=%FF")
    assert b"<script>alert(1)</script>" not in odd.content
    assert render(client, story.url).content == plain


def test_each_edition_keeps_its_own_header_with_its_banner_and_channel(client, fragments, commits):
    edition_home("es")
    site = Site.objects.get(is_default_site=True)
    LiveChannelFactory(slug="live-en")
    LiveChannelFactory(slug="directo", locale=locale("es"))
    BreakingNews.objects.create(site=site, headline="Bridge closed")
    spanish = BreakingNews.objects.create(site=site, locale=locale("es"), headline="Puente cerrado")
    for _ in range(2):  # the second render of each from its edition's kept header
        english = render(client, "/").content.decode()
        portada = render(client, "/es/").content.decode()
        assert "Bridge closed" in english and "/live/live-en/" in english
        assert "Puente cerrado" not in english and "/es/live/" not in english
        assert "Puente cerrado" in portada and "/es/live/directo/" in portada
        assert "Bridge closed" not in portada and "/live/live-en/" not in portada
    spanish.headline = "Puente abierto"
    with commits():
        spanish.save()
    assert "Puente abierto" in render(client, "/es/").content.decode()
    assert "Bridge closed" in render(client, "/").content.decode()
