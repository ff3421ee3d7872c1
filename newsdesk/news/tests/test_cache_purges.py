"""Publishing, editing, unpublishing, moving or scheduling a story purges exactly the
pages that show it, by cache tag (newsdesk/caching/metadata.py): each of them, and
nothing else. The pages carry the tags their templates and querysets add; the news app
says which tags a story's change purges (wagtail_hooks.py)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from newsdesk.caching.metadata import tags_invalidated_by
from newsdesk.core.models import BreakingNews
from newsdesk.multimedia.renditions.making import make_renditions
from newsdesk.news.models import ArticleByline, ArticleRelatedLink
from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(db):
    return AuthorFactory(name="Ana Ruiz", slug="ana-ruiz")


@pytest.fixture
def ben(db):
    return AuthorFactory(name="Ben Ode", slug="ben-ode")


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
    # Every photo with its renditions, as once the worker has run: a page cached with a
    # photo's fallbacks is purged when they are made (multimedia), a purge not counted here.
    for photo in get_image_model().objects.all():
        make_renditions(photo)
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


def test_a_story_purges_its_own_tag_and_the_listings_it_is_in(newsroom, ana):
    x = newsroom["x"]
    ancestors = Page.objects.ancestor_of(x).values_list("pk", flat=True)
    harbour = x.tags.get()
    assert tags_invalidated_by(x) == {
        f"page-{x.pk}",
        *(f"list-page-{pk}" for pk in ancestors),
        f"list-author-{ana.pk}",
        f"list-topic-{harbour.pk}",
        "sitemaps",
    }


def test_every_page_showing_the_story_carries_its_tag_or_a_listing_it_is_in(client, newsroom):
    purged_tags = tags_invalidated_by(newsroom["x"])
    with override_settings(NEWSDESK_CACHE_SEND_TAGS=True):
        for path in pages_showing_x(newsroom):
            assert set(client.get(path)["xkey"].split()) & purged_tags, path
        for path in pages_not_showing_x(newsroom):
            assert not set(client.get(path)["xkey"].split()) & purged_tags, path


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

    # The old topic's story listed X as related: purged. The new topic's story lists X
    # once its cached copy expires (related stories carry no listing tag).
    assert purged(client, watched) == {
        "/topics/harbour/",
        "/topics/weather/",
        newsroom["same_topic"].url,
    }


def test_a_new_story_on_a_topic_purges_the_topic_not_every_article_on_it(
    client, page_cache, commits, newsroom, news
):
    """On breaking news a topic gets a story a minute: were every article on the topic
    purged by each, the caches would hold nothing. Their related stories catch up when
    the cached page expires (the page cache's TTL), as the test's clear() stands for."""
    on_harbour = {"/topics/harbour/", newsroom["same_topic"].url, newsroom["x"].url}
    fill_cache(client, on_harbour)

    with commits():
        story_with(news, "Harbour crane falls", [], ["harbour"]).save_revision().publish()

    assert purged(client, on_harbour) == {"/topics/harbour/"}
    page_cache.clear()
    assert "Harbour crane falls" in client.get(newsroom["same_topic"].url).content.decode()


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


def html_pages(paths):
    return {path for path in paths if not path.startswith(("/feeds/", "/sitemap"))}


def test_saving_the_breaking_news_banner_purges_every_page(client, page_cache, commits, newsroom):
    everything = html_pages(pages_showing_x(newsroom) | pages_not_showing_x(newsroom))
    fill_cache(client, everything)

    with commits():
        show_banner(newsroom["x"].get_site(), "Storm warning")

    assert purged(client, everything) == everything


def test_a_story_in_the_banner_purges_every_page_when_it_changes(
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
    tags = []
    hard_tags = []
    everything = []

    def __init__(self, params):
        self.hostnames = ["*"]

    def invalidates_hostname(self, hostname):
        return True

    def purge_batch(self, urls):
        self.purged.extend(urls)

    def purge_tags(self, tags, hard=False):
        (self.hard_tags if hard else self.tags).extend(tags)

    def purge_everything(self):
        self.everything.append(True)


@pytest.fixture
def varnish_purges():
    RecordingBackend.purged, RecordingBackend.everything = [], []
    RecordingBackend.tags, RecordingBackend.hard_tags = [], []
    backend = {"varnish": {"BACKEND": f"{__name__}.RecordingBackend"}}
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        yield RecordingBackend


def test_the_front_end_caches_are_sent_the_same_tags_and_the_storys_own_url(
    commits, newsroom, varnish_purges
):
    x = newsroom["x"]
    edit_and_publish(x, commits, title="Sea wall vote passes")

    broader = {"page-all", "list-page-all", "list-author-all", "list-topic-all"}
    assert set(varnish_purges.tags) == tags_invalidated_by(x) | broader
    # The URL itself, for what it answered before the story was there (a 404).
    assert varnish_purges.purged == [x.get_site().root_url + x.url]
    assert varnish_purges.everything == []
    assert varnish_purges.hard_tags == []  # an edit: every page showing it made stale


def test_an_unpublished_story_is_dropped_from_the_front_end_caches_not_made_stale(
    commits, newsroom, varnish_purges
):
    x = newsroom["x"]
    shown_on = tags_invalidated_by(x)
    with commits():
        x.unpublish()

    assert shown_on <= set(varnish_purges.hard_tags)
    assert varnish_purges.tags == []


def test_a_story_made_private_is_dropped_from_the_front_end_caches(
    commits, newsroom, varnish_purges
):
    x = newsroom["x"]
    with commits():
        PageViewRestriction.objects.create(
            page=x, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )

    assert tags_invalidated_by(x) <= set(varnish_purges.hard_tags)
    assert varnish_purges.tags == []


def test_the_front_end_caches_are_emptied_when_a_site_changes(commits, newsroom, varnish_purges):
    site = newsroom["x"].get_site()
    with commits():
        site.site_name = "The Harbour Times"
        site.save()
    assert varnish_purges.everything == [True]


def test_nothing_is_computed_when_no_cache_is_in_use(commits, newsroom, monkeypatch):
    def fail(page):
        raise AssertionError("tags computed with no cache to purge")

    monkeypatch.setattr("newsdesk.caching.signals.tags_invalidated_by", fail)
    edit_and_publish(newsroom["x"], commits, title="Sea wall vote passes")


def go_live(page):
    """As the clock reaching the go-live time, then the scheduler's publish step."""
    passed = timezone.now() - timedelta(seconds=5)
    revision = page.scheduled_revision
    revision.approved_go_live_at = passed
    revision.content["go_live_at"] = passed.isoformat()
    revision.save()
    call_command("publish_scheduled")


def test_the_schedulers_publish_purges_the_listings_the_story_enters(
    client, page_cache, commits, newsroom, news
):
    draft = ArticleFactory(parent=news, title="Budget leaks", live=False)
    watched = {"/", "/news/", "/opinion/", *feeds("")}
    draft.go_live_at = timezone.now() + timedelta(hours=1)
    with commits():
        draft.save_revision().publish()
    fill_cache(client, watched)

    with commits():
        go_live(draft)

    assert purged(client, watched) == {"/", "/news/", *feeds("")}
    assert "Budget leaks" in client.get("/news/").content.decode()


def test_a_new_author_name_purges_the_pages_showing_the_byline(
    client, page_cache, commits, newsroom, ana
):
    watched = {newsroom["x"].url, "/authors/ana-ruiz/", newsroom["unrelated"].url}
    fill_cache(client, watched)

    ana.name = "Ana Ruiz-Ortega"
    with commits():
        ana.save()

    assert purged(client, watched) == {newsroom["x"].url, "/authors/ana-ruiz/"}


def test_a_view_restriction_purges_the_story_and_its_listings(
    client, page_cache, commits, newsroom
):
    x = newsroom["x"]
    watched = {x.url, "/news/us/", "/opinion/"}
    fill_cache(client, watched)

    with commits():
        PageViewRestriction.objects.create(
            page=x, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )

    assert purged(client, watched - {x.url}) == {"/news/us/"}
    # The form sets the CSRF cookie, which keeps that client from the cache from then on.
    assert 'name="password"' in client.get(x.url).content.decode()
    assert "Sea wall vote" not in client.get("/news/us/").content.decode()
