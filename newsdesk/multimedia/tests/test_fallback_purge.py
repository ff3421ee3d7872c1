"""A page cached while its photo's renditions were still to be made (showing the original
or the sizes that existed) is purged once the worker has made them, so readers get the
right sizes without waiting for the page to expire."""

import pytest

from newsdesk.caching.purge import purge_tags
from newsdesk.multimedia.renditions.making import make_renditions
from newsdesk.multimedia.renditions.shown import fallbacks_tag
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_page_cached_with_fallbacks_is_purged_once_the_renditions_are_made(
    client, page_cache, queue, commits, us_section
):
    story = ArticleFactory(parent=us_section, lead_image=PhotoFactory())
    other = ArticleFactory(parent=us_section, lead_image=None)
    photo = story.lead_image
    assert not photo.renditions.exists()  # the worker (a dummy queue here) has not run
    client.get(other.url)
    first = client.get(story.url)
    assert first["X-Cache"] == "MISS"
    assert photo.file.name in first.content.decode()  # the original stands in
    assert client.get(story.url)["X-Cache"] == "HIT"

    with commits():
        assert make_renditions(photo).made > 0

    after = client.get(story.url)
    assert after["X-Cache"] == "MISS"
    assert client.get(other.url)["X-Cache"] == "HIT"  # the photo's pages, not every page
    html = after.content.decode()
    assert photo.renditions.first().file.name in html or any(
        rendition.file.name in html for rendition in photo.renditions.all()
    )


def test_nothing_is_purged_when_every_rendition_already_existed(
    client, page_cache, queue, commits, us_section
):
    story = ArticleFactory(parent=us_section, lead_image=PhotoFactory())
    make_renditions(story.lead_image)
    assert client.get(story.url)["X-Cache"] == "MISS"
    with commits():
        assert make_renditions(story.lead_image).made == 0
    assert client.get(story.url)["X-Cache"] == "HIT"


def test_only_a_page_showing_fallbacks_carries_the_photos_tag(
    client, page_cache, queue, us_section
):
    waiting = ArticleFactory(parent=us_section, lead_image=PhotoFactory())
    ready = ArticleFactory(parent=us_section, lead_image=PhotoFactory())
    make_renditions(ready.lead_image)
    for story in (waiting, ready):
        assert client.get(story.url)["X-Cache"] == "MISS"
    purge_tags([fallbacks_tag(waiting.lead_image), fallbacks_tag(ready.lead_image)])
    assert client.get(waiting.url)["X-Cache"] == "MISS"
    assert client.get(ready.url)["X-Cache"] == "HIT"
