"""The live blog's page: a kind of article, with its entries rendered on the server, newest
first, pinned ones on top and key events summarised; the same HTML for every reader."""

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from newsdesk.live.models import LiveBlogPage
from newsdesk.news.models import ArticlePage

from .factories import LiveBlogFactory, LiveEntryFactory, paragraph, post_entry

pytestmark = pytest.mark.django_db


def entry_ids_in(html):
    import re

    return [
        int(found)
        for found in re.findall(r'<article class="live-entry[^"]*" id="update-(\d+)"', html)
    ]


def test_entries_are_newest_first_with_pinned_ones_on_top(client, blog):
    now = timezone.now()
    old = LiveEntryFactory(blog=blog, posted_at=now - timedelta(hours=2))
    pinned = LiveEntryFactory(blog=blog, posted_at=now - timedelta(hours=3), pinned=True)
    new = LiveEntryFactory(blog=blog, posted_at=now - timedelta(minutes=5))

    html = client.get(blog.url).content.decode()

    assert entry_ids_in(html) == [pinned.pk, new.pk, old.pk]
    assert "Pinned" in html


def test_key_events_are_summarised_with_links_to_them(client, blog):
    key = LiveEntryFactory(blog=blog, title="Evacuation ordered", key_event=True)
    LiveEntryFactory(blog=blog, title="A minor update")
    html = client.get(blog.url).content.decode()
    summary = html.split("data-key-events>")[1].split("</ol>")[0]
    assert f'href="#update-{key.pk}"' in summary
    assert "Evacuation ordered" in summary and "A minor update" not in summary


def test_the_page_says_where_its_stream_starts(client, blog):
    post_entry(blog, "<p>One.</p>")
    post_entry(blog, "<p>Two.</p>")
    html = client.get(blog.url).content.decode()
    assert f'data-events-url="/live/blog/{blog.pk}/events/"' in html
    assert f'data-last-event-id="{blog.last_event_id()}"' in html
    assert blog.last_event_id() > 0


def test_the_html_is_the_same_for_every_anonymous_reader(blog):
    LiveEntryFactory(blog=blog)
    first, second = Client(), Client()
    assert first.get(blog.url).content == second.get(blog.url).content
    response = first.get(blog.url)
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_without_javascript_a_reload_shows_the_latest(client, blog):
    client.get(blog.url)
    post_entry(blog, "<p>Posted after the first visit.</p>")
    assert "Posted after the first visit." in client.get(blog.url).content.decode()


@override_settings(NEWSDESK_LIVE_ENTRIES_PER_PAGE=2)
def test_older_updates_are_on_later_pages(client, blog):
    now = timezone.now()
    entries = [LiveEntryFactory(blog=blog, posted_at=now - timedelta(minutes=n)) for n in range(5)]
    first = client.get(blog.url).content.decode()
    assert entry_ids_in(first) == [entries[0].pk, entries[1].pk]
    assert "Older updates" in first
    third = client.get(blog.url + "?page=3").content.decode()
    assert entry_ids_in(third) == [entries[4].pk]
    assert "data-events-url" not in third  # only the first page takes live updates


def test_an_ended_blog_says_so_and_opens_no_stream(client, blog):
    blog.state = LiveBlogPage.State.ENDED
    blog.save_revision().publish()
    html = client.get(blog.url).content.decode()
    assert 'data-state="ended"' in html
    assert "This live blog has ended." in html


def test_a_live_blog_is_a_kind_of_article_in_its_sections_list(client, news):
    blog = LiveBlogFactory(parent=news, title="Storm live: every update")
    assert ArticlePage.objects.filter(pk=blog.pk).exists()
    assert "Storm live: every update" in client.get(news.url).content.decode()


def test_search_finds_a_live_blog_by_the_words_of_its_updates(
    blog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the reindexing task
        post_entry(blog, "<p>The lighthouse keeper reports gusts of ninety miles an hour.</p>")
    found = LiveBlogPage.objects.live().search("lighthouse keeper")
    assert blog.pk in [page.pk for page in found]


def test_an_untitled_entry_is_headed_by_its_time(client, blog):
    entry = LiveEntryFactory(blog=blog, title="", body=paragraph("<p>Just words.</p>"))
    html = client.get(blog.url).content.decode()
    assert f'aria-labelledby="update-{entry.pk}-time"' in html
    assert f'id="update-{entry.pk}-title"' not in html


def test_section_teasers_mark_a_running_live_blog_and_not_an_ended_one(client, news, blog):
    ended = LiveBlogFactory(parent=news, title="Flood warnings: as it happened")
    ended.state = LiveBlogPage.State.ENDED
    ended.save_revision().publish()

    html = client.get(news.url).content.decode()

    def teaser_of(title):
        start = html.rindex('<article class="teaser', 0, html.index(title))
        return html[start : html.index("</article>", start)]

    assert "kicker--live" in teaser_of(blog.title)
    assert "kicker--live" not in teaser_of("Flood warnings: as it happened")
