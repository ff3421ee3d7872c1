"""Drafts, scheduled (embargoed) stories, unpublished stories, private stories and the
unpublished edits of a live story appear in no feed and no sitemap."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsdesk.news.tests.factories import ArticleFactory

FEEDS_AND_SITEMAPS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/json/",
    "/feeds/sections/news/rss/",
    "/feeds/sections/news/us/atom/",
    "/feeds/authors/ana-ruiz/json/",
    "/feeds/topics/flooding/rss/",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-news.xml",
    "/sitemap-authors.xml",
    "/sitemap-topics.xml",
]
SECRET = "Embargoed budget leak"


def hidden_story(us_section, reporters, **kwargs):
    page = ArticleFactory(
        parent=us_section,
        title=SECRET,
        slug="budget-leak",
        authors=reporters,
        published_at=timezone.now() - timedelta(hours=1),
        **kwargs,
    )
    page.tags.add("flooding")
    page.save()
    return page


def scheduled(us_section, reporters):
    """Saved for publication in three hours: Wagtail keeps it unpublished until then."""
    page = hidden_story(us_section, reporters, live=False)
    page.go_live_at = timezone.now() + timedelta(hours=3)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.scheduled_revision.approved_go_live_at
    return page


def draft(us_section, reporters):
    return hidden_story(us_section, reporters, live=False)


def unpublished(us_section, reporters):
    page = hidden_story(us_section, reporters)
    page.unpublish()
    return page


def private(us_section, reporters):
    page = hidden_story(us_section, reporters)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    return page


@pytest.mark.django_db
@pytest.mark.parametrize("make_hidden", [scheduled, draft, unpublished, private])
def test_hidden_stories_are_in_no_feed_or_sitemap(
    client, story, us_section, reporters, make_hidden
):
    hidden = make_hidden(us_section, reporters)
    for url in FEEDS_AND_SITEMAPS:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert SECRET not in content, url
        assert "budget-leak" not in content, url
        assert f"article-{hidden.pk}" not in content, url
        assert story.title in content or "sitemap" in url, url


@pytest.mark.django_db
def test_unpublished_edits_of_a_live_story_stay_out_of_feeds(client, story):
    story.title = SECRET
    story.save_revision()  # a draft: the live story keeps its published title
    for url in ("/feeds/rss/", "/feeds/json/", "/sitemap-news.xml"):
        assert SECRET not in client.get(url).content.decode(), url
