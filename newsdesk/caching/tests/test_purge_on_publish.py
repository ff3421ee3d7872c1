"""Publishing, editing, unpublishing, moving or scheduling a story purges exactly the
pages that show it: each of them, and nothing else."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from newsdesk.caching.registry import paths_showing
from newsdesk.core.models import BreakingNews
from newsdesk.news.models import ArticleByline, ArticleRelatedLink
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

FORMATS = ("rss", "atom", "json")


def feeds(path):
    return {f"/feeds/{path}{fmt}/" for fmt in FORMATS}


@pytest.fixture
def newsroom(news, us_section, opinion, ana, ben):
    """X: the story under test, in News > U.S., by Ana, on the harbour. Around it: a story
    linking to it, an older one on the same topic (which lists X as related), and one
    that shares nothing with it, in another section, by another author."""
    week_ago = timezone.now() - timedelta(days=7)
    x = story_with(us_section, "Sea wall vote", [ana], ["harbour"])
    linking = story_with(news, "Council meets", [ben], ["council"], published_at=week_ago)
    ArticleRelatedLink.objects.create(page=linking, story=x)
    same_topic = story_with(opinion, "Why the wall", [ben], ["harbour"], published_at=week_ago)
    unrelated = story_with(opinion, "Rain again", [ben], ["weather"], published_at=week_ago)
    return {"x": x, "linking": linking, "same_topic": same_topic, "unrelated": unrelated}


def story_with(section, title, authors, topics, **kwargs):
    story = ArticleFactory(parent=section, title=title, **kwargs)
    for position, author in enumerate(authors):
        ArticleByline.objects.create(page=story, author=author, sort_order=position)
    story.tags.add(*topics)
    story.save()
    return story


def pages_showing_x(newsroom):
    x = newsroom["x"]
    return {
        x.url,
        "/",
        "/news/",
        "/news/us/",
        "/authors/ana-ruiz/",
        "/topics/harbour/",
        newsroom["linking"].url,
        newsroom["same_topic"].url,
        *feeds(""),
        *feeds("sections/news/"),
        *feeds("sections/news/us/"),
        *feeds("authors/ana-ruiz/"),
        *feeds("topics/harbour/"),
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/sitemap-authors.xml",
        "/sitemap-topics.xml",
        "/sitemap-news.xml",
    }


def pages_not_showing_x(newsroom):
    return {
        "/opinion/",
        "/authors/ben-ode/",
        "/topics/weather/",
        newsroom["unrelated"].url,
        *feeds("sections/opinion/"),
        *feeds("authors/ben-ode/"),
        *feeds("topics/weather/"),
    }


def fill_cache(client, paths):
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["X-Cache"] == "MISS", path


def purged(client, paths):
    return {path for path in paths if client.get(path)["X-Cache"] == "MISS"}


def edit_and_publish(story, commits, **changes):
    for name, value in changes.items():
        setattr(story, name, value)
    with commits():
        story.save_revision().publish()


def test_the_story_is_shown_by_exactly_these_pages(newsroom):
    assert paths_showing(newsroom["x"]) == pages_showing_x(newsroom)


def test_publishing_an_edit_purges_every_page_showing_it_and_no_other(
    client, page_cache, commits, newsroom
):
    showing, not_showing = pages_showing_x(newsroom), pages_not_showing_x(newsroom)
    fill_cache(client, showing | not_showing)

    edit_and_publish(newsroom["x"], commits, title="Sea wall vote passes")

    assert purged(client, showing) == showing
    assert purged(client, not_showing) == set()
    assert "Sea wall vote passes" in client.get("/news/us/").content.decode()


def test_unpublishing_purges_every_page_that_showed_it(client, page_cache, commits, newsroom):
    showing = pages_showing_x(newsroom) - {newsroom["x"].url}
    fill_cache(client, showing | pages_not_showing_x(newsroom))

    with commits():
        newsroom["x"].unpublish()

    assert purged(client, showing) == showing
    assert purged(client, pages_not_showing_x(newsroom)) == set()


def test_deleting_a_live_story_purges_every_page_that_showed_it(
    client, page_cache, commits, newsroom
):
    showing = pages_showing_x(newsroom) - {newsroom["x"].url}
    fill_cache(client, showing | pages_not_showing_x(newsroom))

    with commits():
        newsroom["x"].delete()

    assert purged(client, showing) == showing
    assert purged(client, pages_not_showing_x(newsroom)) == set()


def test_a_change_of_topic_purges_the_pages_of_the_old_and_the_new_topic(
    client, page_cache, commits, newsroom
):
    x = newsroom["x"]
    watched = {"/topics/harbour/", "/topics/weather/", newsroom["same_topic"].url}
    watched |= {newsroom["unrelated"].url, "/authors/ben-ode/", "/opinion/"}
    fill_cache(client, watched)

    x.tags.set(["weather"])
    edit_and_publish(x, commits)

    # The old topic's story listed X before; the new topic's story lists it now.
    assert purged(client, watched) == {
        "/topics/harbour/",
        "/topics/weather/",
        newsroom["same_topic"].url,
        newsroom["unrelated"].url,
    }


def test_a_new_slug_purges_the_old_url(client, page_cache, commits, newsroom):
    x = newsroom["x"]
    old_url = x.url
    fill_cache(client, {old_url})

    edit_and_publish(x, commits, slug="sea-wall-vote-passes")

    response = client.get(old_url)
    assert response["X-Cache"] == "MISS"
    assert response.status_code == 301  # Wagtail's automatic redirect to the new URL
    assert response["Location"] == "/news/us/sea-wall-vote-passes/"


def test_scheduling_a_publish_purges_nothing_until_it_goes_live(
    client, page_cache, commits, newsroom
):
    x = newsroom["x"]
    edit_and_publish(x, commits)  # as the newsroom publishes: with a live revision
    x.refresh_from_db()
    showing = pages_showing_x(newsroom)
    fill_cache(client, showing)
    x.title = "Sea wall vote, scheduled"
    x.go_live_at = timezone.now() + timedelta(hours=1)

    with commits():
        x.save_revision().publish()

    assert purged(client, showing) == set()


def test_publishing_a_draft_for_later_purges_nothing(client, page_cache, commits, newsroom, news):
    draft = ArticleFactory(parent=news, title="Budget leaks", live=False)
    watched = {"/", "/news/", *feeds("")}
    fill_cache(client, watched)
    draft.go_live_at = timezone.now() + timedelta(hours=1)

    with commits():
        draft.save_revision().publish()

    assert purged(client, watched) == set()


def test_a_story_that_moves_purges_its_old_and_new_places(
    client, page_cache, commits, newsroom, opinion
):
    x = newsroom["x"]
    old_url = x.url
    fill_cache(client, {old_url, "/news/us/", "/opinion/", "/authors/ben-ode/"})

    with commits():
        x.move(opinion, pos="last-child")

    assert purged(client, {old_url, "/news/us/", "/opinion/", "/authors/ben-ode/"}) == {
        old_url,
        "/news/us/",
        "/opinion/",
    }


def show_banner(site, headline, link=None):
    banner = BreakingNews.for_site(site)  # pages create it when they first look
    banner.headline, banner.link = headline, link
    banner.save()


def test_saving_the_breaking_news_banner_purges_everything(client, page_cache, commits, newsroom):
    everything = pages_showing_x(newsroom) | pages_not_showing_x(newsroom)
    fill_cache(client, everything)

    with commits():
        show_banner(newsroom["x"].get_site(), "Storm warning")

    assert purged(client, everything) == everything


def test_a_story_in_the_banner_purges_everything_when_it_changes(
    client, page_cache, commits, newsroom
):
    x = newsroom["x"]
    with commits():
        show_banner(x.get_site(), "Vote tonight", link=x)
    fill_cache(client, {"/opinion/"})

    edit_and_publish(x, commits, slug="vote-result")

    assert purged(client, {"/opinion/"}) == {"/opinion/"}


class RecordingBackend:
    """A Wagtail front-end cache backend that records what it is asked to purge."""

    purged = []
    everything = []

    def __init__(self, params):
        self.hostnames = ["*"]

    def invalidates_hostname(self, hostname):
        return True

    def purge_batch(self, urls):
        self.purged.extend(urls)

    def purge_everything(self):
        self.everything.append(True)


@pytest.fixture
def varnish_purges():
    RecordingBackend.purged, RecordingBackend.everything = [], []
    backend = {"varnish": {"BACKEND": f"{__name__}.RecordingBackend"}}
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        yield RecordingBackend


def test_varnish_is_sent_the_same_urls_through_wagtails_frontend_cache(
    commits, newsroom, varnish_purges
):
    edit_and_publish(newsroom["x"], commits, title="Sea wall vote passes")

    root = newsroom["x"].get_site().root_url
    assert sorted(varnish_purges.purged) == sorted(root + p for p in pages_showing_x(newsroom))


def test_varnish_is_emptied_when_everything_is_purged(commits, newsroom, varnish_purges):
    BreakingNews.for_site(newsroom["x"].get_site())
    varnish_purges.everything.clear()
    with commits():
        show_banner(newsroom["x"].get_site(), "Storm warning")
    assert varnish_purges.everything == [True]


def test_nothing_is_computed_when_no_cache_is_in_use(commits, newsroom, monkeypatch):
    def fail(page):
        raise AssertionError("paths computed with no cache to purge")

    monkeypatch.setattr("newsdesk.caching.signals.paths_showing", fail)
    edit_and_publish(newsroom["x"], commits, title="Sea wall vote passes")
