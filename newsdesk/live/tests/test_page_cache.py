"""With the page cache on (newsdesk.caching), a reload still shows the latest: each update
purges its live blog's page, and a channel saved purges every page's header. A channel page
going on or off air by the clock: test_on_air.py."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from newsdesk.live.actions import do_delete_entry

from .factories import LiveChannelFactory, edit_entry, post_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache():
    with override_settings(NEWSDESK_CACHE_ENABLED=True):
        caches["pages"].clear()
        yield
        caches["pages"].clear()


def test_each_update_purges_the_live_blogs_page(
    client, blog, page_cache, django_capture_on_commit_callbacks
):
    client.get(blog.url)  # now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        entry = post_entry(blog, "<p>Posted while the page sat in the cache.</p>")
    assert "Posted while the page sat in the cache." in client.get(blog.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        edit_entry(entry, "<p>Edited while the page sat in the cache.</p>")
    assert "Edited while the page sat in the cache." in client.get(blog.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        do_delete_entry(entry, None)
    assert "sat in the cache" not in client.get(blog.url).content.decode()


def test_a_new_channel_shows_in_every_header(
    client, news, page_cache, django_capture_on_commit_callbacks
):
    assert "live-links" not in client.get(news.url).content.decode()  # now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        channel = LiveChannelFactory(on_air=False, name="Harbour TV")
    assert channel.get_absolute_url() in client.get(news.url).content.decode()
