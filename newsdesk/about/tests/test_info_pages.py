"""Pages about the newsroom and the corrections page, as readers, search engines and the
page cache meet them."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from newsdesk.about.models import CorrectionsPage, FooterLink, FooterSettings, InfoPage
from newsdesk.caching.metadata import tags_invalidated_by
from newsdesk.news.models import ArticleCorrection
from newsdesk.news.tests.factories import ArticleFactory

from .factories import CorrectionsPageFactory, InfoPageFactory

pytestmark = pytest.mark.django_db


def parsed(response):
    return BeautifulSoup(response.content, "html.parser")


def correct(story, note, kind=ArticleCorrection.Kind.CORRECTION, noted_at=None):
    """As an editor does: a note added in the story's form, then the story published."""
    story.corrections.add(
        ArticleCorrection(kind=kind, note=note, noted_at=noted_at or timezone.now())
    )
    story.save_revision().publish()


def listed_corrections(response):
    return [
        (
            item.select_one(".corrections-log__story").get_text(),
            item.select_one(".corrections-log__note").get_text(),
        )
        for item in parsed(response).select(".corrections-log__item")
    ]


@pytest.fixture
def corrections_page():
    return CorrectionsPageFactory(body=[("paragraph", "<p>We correct mistakes openly.</p>")])


@pytest.fixture
def page_cache():
    with override_settings(NEWSDESK_CACHE_ENABLED=True):
        caches["pages"].clear()
        yield
        caches["pages"].clear()


def test_an_info_page_shows_its_title_intro_and_body(client):
    page = InfoPageFactory(
        title="Ethics policy",
        slug="ethics",
        intro="The standards we keep.",
        body=[("subheading", "Independence"), ("paragraph", "<p>We accept no gifts.</p>")],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    document = parsed(response)
    assert document.h1.get_text() == "Ethics policy"
    assert document.select_one(".info-page__intro").get_text() == "The standards we keep."
    assert document.select_one(".info-page__body h2").get_text() == "Independence"
    assert "We accept no gifts." in document.select_one(".info-page__body").get_text()


def test_info_pages_live_under_the_front_page_never_in_a_section(us_section, corrections_page):
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert InfoPage.can_create_at(home)
    assert InfoPage.can_create_at(InfoPageFactory())
    assert not InfoPage.can_create_at(us_section)
    assert not CorrectionsPage.can_create_at(home)  # there is one already


def test_policy_pages_are_in_the_sitemap(client, corrections_page):
    about = InfoPageFactory()
    InfoPageFactory(title="Draft", slug="draft", live=False)
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert f"{about.url}</loc>" in sitemap
    assert f"{corrections_page.url}</loc>" in sitemap
    assert "/draft/</loc>" not in sitemap


def test_policy_pages_are_found_by_search():
    page = InfoPageFactory(intro="Sponsored content is never made to look like reporting.")
    found = InfoPage.objects.live().search("sponsored")
    assert list(found) == [page]


def test_the_corrections_page_lists_corrections_newest_first(client, corrections_page, us_section):
    older = ArticleFactory(parent=us_section, title="Ferry timetable changes")
    newer = ArticleFactory(parent=us_section, title="Library reopens")
    now = timezone.now()
    correct(older, "The ferry leaves at 7, not 8.", noted_at=now - timedelta(days=2))
    correct(newer, "The rebuild took two years.", noted_at=now - timedelta(hours=1))
    correct(newer, "Opening hours were added.", kind=ArticleCorrection.Kind.UPDATE)

    response = client.get(corrections_page.url)

    assert response.status_code == 200
    assert listed_corrections(response) == [
        ("Library reopens", "The rebuild took two years."),
        ("Ferry timetable changes", "The ferry leaves at 7, not 8."),
    ]
    link = parsed(response).select_one(".corrections-log__story a")["href"]
    assert link == f"{newer.url}#corrections-heading"
    assert "We correct mistakes openly." in response.content.decode()


def test_the_corrections_page_lists_only_stories_readers_may_see(
    client, corrections_page, us_section
):
    shown = ArticleFactory(parent=us_section, title="Shown story")
    private = ArticleFactory(parent=us_section, title="Private story")
    expired = ArticleFactory(parent=us_section, title="Expired story")
    unpublished = ArticleFactory(parent=us_section, title="Unpublished story")
    for story in (shown, private, expired, unpublished):
        correct(story, f"A note on the {story.title.lower()}.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - timedelta(hours=1)
    )
    unpublished.unpublish()

    response = client.get(corrections_page.url)

    assert listed_corrections(response) == [("Shown story", "A note on the shown story.")]


def test_the_corrections_page_without_corrections_says_so(client, corrections_page):
    response = client.get(corrections_page.url)
    assert (
        parsed(response).select_one(".corrections-log .empty-state").get_text()
        == "No corrections yet."
    )


@pytest.mark.parametrize("page_number", ["abc", "0", "-1", "99999999999999999999", "2.5", "%00"])
def test_a_bad_page_number_shows_a_page_of_corrections(
    client, corrections_page, us_section, page_number
):
    correct(ArticleFactory(parent=us_section, title="Only story"), "A note.")
    response = client.get(corrections_page.url, {"page": page_number})
    assert response.status_code == 200
    assert listed_corrections(response) == [("Only story", "A note.")]


def test_a_story_with_a_correction_purges_the_corrections_pages_tag(corrections_page, us_section):
    corrected = ArticleFactory(parent=us_section)
    correct(corrected, "A name was misspelled.")
    updated = ArticleFactory(parent=us_section)
    correct(updated, "Added a quote.", kind=ArticleCorrection.Kind.UPDATE)

    assert "list-corrections" in tags_invalidated_by(corrected)
    assert "list-corrections" not in tags_invalidated_by(updated)


def test_publishing_a_correction_purges_the_corrections_page(
    client, corrections_page, us_section, page_cache, django_capture_on_commit_callbacks
):
    story = ArticleFactory(parent=us_section, title="Bridge closes")
    assert listed_corrections(client.get(corrections_page.url)) == []  # now in the cache

    with django_capture_on_commit_callbacks(execute=True):
        correct(story, "The bridge closes on Monday.")

    assert listed_corrections(client.get(corrections_page.url)) == [
        ("Bridge closes", "The bridge closes on Monday.")
    ]


def test_saving_the_footer_purges_every_page(
    client, us_section, page_cache, django_capture_on_commit_callbacks
):
    about = InfoPageFactory(title="About the bay desk")
    assert b"About the bay desk" not in client.get(us_section.url).content  # now in the cache

    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    with django_capture_on_commit_callbacks(execute=True):
        footer.links = [FooterLink(page=about)]
        footer.save()

    assert b"About the bay desk" in client.get(us_section.url).content
