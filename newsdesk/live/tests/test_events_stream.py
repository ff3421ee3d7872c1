"""A live blog's Server-Sent Events stream, read over HTTP from the ASGI server: new, edited
and deleted entries arrive without reloading; a reader who reconnects with Last-Event-ID
gets what it missed, nothing twice."""

import time

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from newsdesk.live.actions import do_delete_entry
from newsdesk.live.brokers import get_broker
from newsdesk.live.models import LiveBlogPage, LiveEvent

from .factories import LiveBlogFactory, edit_entry, post_entry

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def event_ids(reader):
    return [int(event.id) for event in reader.events if event.id]


def test_the_stream_is_never_cached_or_buffered(open_stream, blog):
    reader = open_stream(blog)
    assert reader.status == 200
    assert reader.header("Content-Type") == "text/event-stream"
    assert reader.header("Cache-Control") == "no-cache"
    assert reader.header("X-Accel-Buffering") == "no"
    assert reader.retry == 3000


@override_settings(NEWSDESK_LIVE_HEARTBEAT_SECONDS=0.2)
def test_a_quiet_stream_sends_heartbeats_to_stay_open(open_stream, blog):
    reader = open_stream(blog)
    deadline = time.monotonic() + 3
    while "keep-alive" not in reader.comments and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "keep-alive" in reader.comments


def test_a_new_entry_reaches_an_open_stream(open_stream, blog):
    reader = open_stream(blog)
    entry = post_entry(blog, "<p>The lifeboat has launched.</p>", title="Lifeboat", key_event=True)

    event = reader.wait_for_entry(entry.pk, "posted")
    assert int(event.id) == LiveEvent.objects.get(entry_id=entry.pk).pk
    assert "The lifeboat has launched." in event.data["html"]
    assert f'id="update-{entry.pk}"' in event.data["html"]
    assert event.data["key_event"] is True
    assert "Lifeboat" in event.data["key_event_html"]


def test_edits_and_deletions_reach_an_open_stream(open_stream, blog):
    entry = post_entry(blog, "<p>Two ferries cancelled.</p>")
    reader = open_stream(blog, last_event_id=LiveEvent.objects.get().pk)

    edit_entry(entry, "<p>Three ferries cancelled.</p>")
    edited = reader.wait_for_entry(entry.pk, "edited")
    assert "Three ferries cancelled." in edited.data["html"]
    assert "Updated" in edited.data["html"]

    entry_id = entry.pk
    do_delete_entry(entry, None)
    deleted = reader.wait_for_entry(entry_id, "deleted")
    assert deleted.data == {"kind": "deleted", "entry": entry_id}


def test_a_reader_who_reconnects_gets_what_it_missed_and_nothing_twice(open_stream, blog):
    first = post_entry(blog, "<p>First.</p>")
    seen = open_stream(blog)
    seen.wait_for_entry(first.pk)
    seen_id = int(seen.wait_for_entry(first.pk).id)
    seen.close()
    # While the reader is away:
    second = post_entry(blog, "<p>Second.</p>")
    edit_entry(first, "<p>First, corrected.</p>")

    back = open_stream(blog, last_event_id=seen_id)
    back.wait_for_entry(first.pk, "edited")
    third = post_entry(blog, "<p>Third.</p>")
    back.wait_for_entry(third.pk, "posted")

    kinds = [(event.data["entry"], event.data["kind"]) for event in back.events]
    assert kinds == [(second.pk, "posted"), (first.pk, "edited"), (third.pk, "posted")]
    assert event_ids(back) == sorted(set(event_ids(back)))
    assert min(event_ids(back)) > seen_id


def test_the_page_tells_a_first_connection_where_to_start(open_stream, blog):
    before = post_entry(blog, "<p>Already on the page.</p>")
    page_id = LiveEvent.objects.get(entry_id=before.pk).pk
    reader = open_stream(blog, query=f"?last_event_id={page_id}")
    after = post_entry(blog, "<p>New.</p>")
    reader.wait_for_entry(after.pk)
    assert [event.data["entry"] for event in reader.events] == [after.pk]


def test_last_event_id_beyond_the_blog_does_not_hide_new_entries(open_stream, blog):
    post_entry(blog, "<p>Old.</p>")
    reader = open_stream(blog, last_event_id=10_000_000)
    entry = post_entry(blog, "<p>New.</p>")
    reader.wait_for_entry(entry.pk)


@pytest.mark.parametrize("value", ["abc", "-5", "1e9", ""])
def test_a_malformed_last_event_id_starts_from_the_beginning(open_stream, blog, value):
    entry = post_entry(blog, "<p>Missed.</p>")
    reader = open_stream(blog, last_event_id=value)
    reader.wait_for_entry(entry.pk)


def test_a_lost_message_is_caught_up_from_the_database(open_stream, blog, monkeypatch):
    reader = open_stream(blog)
    broker = get_broker()
    deliver = broker.publish
    lost = []
    monkeypatch.setattr(broker, "publish", lambda topic, message: lost.append(message))
    missed = post_entry(blog, "<p>Lost on the way.</p>")
    monkeypatch.setattr(broker, "publish", deliver)
    assert len(lost) == 1

    arrived = post_entry(blog, "<p>Arrived.</p>")

    reader.wait_for_entry(arrived.pk)
    assert [event.data["entry"] for event in reader.events] == [missed.pk, arrived.pk]


@override_settings(NEWSDESK_LIVE_REPLAY_LIMIT=3)
def test_a_reader_too_far_behind_is_told_to_reload(open_stream, blog):
    for number in range(5):
        post_entry(blog, f"<p>Update {number}.</p>")
    reader = open_stream(blog, last_event_id=0)
    reload = reader.wait_for(lambda event: event.data["kind"] == "reload")
    assert reload.id is None  # its place in the stream is the page's, once reloaded
    assert len(reader.events) == 1


def test_readers_are_told_when_the_blog_ends(open_stream, blog):
    reader = open_stream(blog)
    blog.state = LiveBlogPage.State.ENDED
    blog.save_revision().publish()
    event = reader.wait_for(lambda event: event.data["kind"] == "state")
    assert event.data == {"kind": "state", "state": "ended"}


def test_an_ended_blog_replays_what_was_missed_then_closes(asgi_server, blog):
    from .sse import SseReader

    entry = post_entry(blog, "<p>Last word.</p>")
    blog.state = LiveBlogPage.State.ENDED
    blog.save_revision().publish()
    url = f"{asgi_server.url}{reverse('live_streams:blog_events', args=[blog.pk])}"

    behind = SseReader(url, last_event_id=0)
    behind.finished.wait(5)
    behind.close()
    assert [event.data["kind"] for event in behind.events] == ["posted", "state"]
    assert behind.events[0].data["entry"] == entry.pk

    caught_up = SseReader(url, last_event_id=behind.events[-1].id)
    caught_up.finished.wait(5)
    caught_up.close()
    assert caught_up.status == 204  # the browser stops reconnecting


@pytest.mark.parametrize("make_hidden", ["draft", "private", "missing"])
def test_only_published_public_blogs_have_a_stream(client, news, make_hidden):
    blog = LiveBlogFactory(parent=news)
    blog_id = blog.pk
    if make_hidden == "draft":
        blog.unpublish()
    elif make_hidden == "private":
        PageViewRestriction.objects.create(page=blog, restriction_type="password", password="x")
    else:
        blog_id += 1000
    assert client.get(reverse("live_streams:blog_events", args=[blog_id])).status_code == 404


def test_under_a_wsgi_server_the_stream_replays_and_asks_to_come_back_soon(client, blog):
    entry = post_entry(blog, "<p>Polled.</p>")
    response = client.get(
        reverse("live_streams:blog_events", args=[blog.pk]), HTTP_LAST_EVENT_ID="0"
    )
    body = response.content.decode()
    assert body.startswith("retry: 2000\n\n")
    assert f'"entry":{entry.pk}' in body
    assert response["Cache-Control"] == "no-cache"


def test_a_reader_who_leaves_is_unsubscribed(open_stream, blog):
    reader = open_stream(blog)
    hub = get_broker().hub
    assert hub.count() == 1
    reader.close()
    deadline = time.monotonic() + 5
    while hub.count() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hub.count() == 0
