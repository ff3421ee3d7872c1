"""A scheduled story with a new photo and a new topic: every URL a reader can request
shows none of it before go-live, and the story, photo and topic once the scheduler has
published it. The URLs come from the URLconf and the sitemaps (crawl.py)."""

from datetime import timedelta

import factory
import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsdesk.live.tests.factories import LiveChannelFactory
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory

from .crawl import EXCLUDED, ROUTES, Words, fetch, leaks, media_urls, uncovered_routes

pytestmark = pytest.mark.django_db

HEADLINE = "Quillfeather accord signed over the lighthouse lease"
STANDFIRST = "The Vendelmoor trust keeps the light burning for ninety-nine years."
PHOTO_TITLE = "Trustees at the Ostrowind lamp room"
PHOTO_FILE = "ostrowind-lamp-room-5531"
TOPIC = "Lighthouse Zelkova lease"


def test_every_route_is_crawled_or_excluded_with_a_reason():
    assert not uncovered_routes(), "add these to crawl.ROUTES or crawl.EXCLUDED"
    assert all(reason.strip() for reason in EXCLUDED.values())
    assert not set(ROUTES) & set(EXCLUDED)


@pytest.fixture
def newsroom(us_section):
    """What the site shows anyway: a live story by a known reporter, and a channel."""
    reporter = AuthorFactory(name="Ana Ruiz", slug="ana-ruiz")
    story = ArticleFactory(parent=us_section, title="Harbour council votes", authors=[reporter])
    story.tags.add("flooding")
    story.save_revision().publish()
    LiveChannelFactory()
    return reporter


@pytest.fixture
def embargoed(us_section, newsroom, admin_client):
    # Its renditions exist, with their URLs: the worker made them on upload.
    photo = PhotoFactory(
        title=PHOTO_TITLE,
        file=factory.django.ImageField(filename=f"{PHOTO_FILE}.jpg"),
        renditions=True,
    )
    page = ArticleFactory(
        parent=us_section,
        title=HEADLINE,
        slug="lease",
        standfirst=STANDFIRST,
        lead_image=photo,
        authors=[newsroom],
        live=False,
    )
    page.tags.add(TOPIC)
    page.go_live_at = timezone.now() + timedelta(hours=3)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.scheduled_revision
    # The editor previews it (no rendition taken from the cache of renditions, which an
    # earlier test's photo of the same id may have filled).
    for cache in caches.all():
        cache.clear()
    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert HEADLINE in preview.content.decode()
    assert photo.renditions.exists()
    return page


def words_of(page):
    return Words(search="Quillfeather", page_id=page.pk, photo_ids=[page.lead_image_id])


NEEDLES = [HEADLINE, STANDFIRST, PHOTO_TITLE, PHOTO_FILE, TOPIC]


def go_live(page):
    """As the clock reaching the go-live time, then the scheduler's publish step."""
    passed = timezone.now() - timedelta(seconds=5)
    revision = page.scheduled_revision
    revision.approved_go_live_at = passed
    revision.content["go_live_at"] = passed.isoformat()
    revision.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def media_statuses(client, page):
    return {url: fetch(client, url)[0] for url in media_urls(words_of(page))}


def test_a_scheduled_story_is_nowhere_until_it_goes_live(client, embargoed):
    words = words_of(embargoed)
    # Its URL too: search results split the headline with <mark>.
    assert leaks(client, words, [*NEEDLES, embargoed.url]) == {}
    before = media_statuses(client, embargoed)
    assert len(before) >= 2  # the original and the preview's renditions
    assert set(before.values()) == {404}

    go_live(embargoed)

    shown = leaks(client, words, NEEDLES)
    pages_with_headline = {
        url for url, (_, hits) in shown.items() if HEADLINE in hits or STANDFIRST in hits
    }
    for expected in [
        "/",
        embargoed.url,
        "/news/us/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/json/",
        "/sitemap-news.xml",
        "/search/?q=Quillfeather",
        "/api/v2/pages/?search=Quillfeather",
        f"/api/v2/pages/{embargoed.pk}/",
        "/authors/ana-ruiz/",
    ]:
        assert expected in pages_with_headline, expected
    topic_url = reverse("news:topic", args=[embargoed.tags.get().slug])
    assert TOPIC in shown[topic_url][1]
    assert PHOTO_TITLE in shown["/api/v2/images/"][1]
    after = media_statuses(client, embargoed)
    assert set(before) <= set(after)  # the page's own renditions joined the preview's
    assert set(after.values()) == {200}
