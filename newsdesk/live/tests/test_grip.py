"""Behind Pushpin (GRIP_URL set): the events view answers a signed request at once with what
the reader missed and GRIP hold instructions; a request that is not Pushpin's is not held;
each event is published to Pushpin with its id and the previous one; the checks catch a
misconfigured set-up. The real Pushpin, restarted mid-stream, is in test_pushpin.py."""

import logging

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.urls import reverse

from newsdesk.live.brokers import get_broker
from newsdesk.live.checks import check_grip_settings
from newsdesk.live.health import check_pushpin
from newsdesk.live.models import LiveBlogPage, LiveEvent

from .conftest import free_port
from .factories import edit_entry, post_entry
from .grip_stub import PublishEndpoint, grip_signature

KEY = "a-test-sig-key-of-at-least-32-bytes"
GRIP = {"GRIP_URL": f"http://127.0.0.1:5561/?key={KEY}", "GRIP_PREFIX": ""}

# The view reads the database from a thread of its own, as it does under ASGI.
held = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def events_url(blog):
    return reverse("live_streams:blog_events", args=[blog.pk])


def through_pushpin(client, blog, key=KEY, **headers):
    return client.get(events_url(blog), HTTP_GRIP_SIG=grip_signature(key), **headers)


def frame_ids(body):
    return [int(line[4:]) for line in body.decode().splitlines() if line.startswith("id: ")]


def event_ids(blog):
    return list(LiveEvent.objects.filter(blog=blog).order_by("id").values_list("id", flat=True))


@held
@override_settings(**GRIP)
def test_pushpin_is_told_to_hold_the_stream_after_what_the_reader_missed(client, blog):
    for number in range(3):
        post_entry(blog, f"<p>Update {number}.</p>")
    first, second, third = event_ids(blog)

    response = through_pushpin(client, blog, HTTP_LAST_EVENT_ID=str(first))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    assert response["Cache-Control"] == "no-cache"
    assert response["Grip-Hold"] == "stream"
    assert response["Grip-Channel"] == f"blog:{blog.pk}; prev-id={third}"
    assert response["Grip-Keep-Alive"] == ": keep-alive\\n\\n; format=cstring; timeout=15"
    assert response["Grip-Link"] == f"<{events_url(blog)}>; rel=next; timeout=300"
    assert response.content.startswith(b"retry: 3000\n\n")
    assert frame_ids(response.content) == [second, third]


@held
@override_settings(**{**GRIP, "GRIP_PREFIX": "site-a:"})
def test_pushpin_asking_the_next_link_gets_what_came_after_its_last_delivery(client, blog):
    for number in range(3):
        post_entry(blog, f"<p>Update {number}.</p>")
    _first, second, third = event_ids(blog)

    response = through_pushpin(
        client,
        blog,
        # The reader's own Last-Event-ID is older; Pushpin's delivery counts.
        HTTP_LAST_EVENT_ID="0",
        HTTP_GRIP_LAST=f"site-a:blog:{blog.pk}; last-id={second}",
    )

    assert frame_ids(response.content) == [third]
    assert not response.content.startswith(b"retry:")
    assert response["Grip-Hold"] == "stream"
    assert response["Grip-Channel"] == f"site-a:blog:{blog.pk}; prev-id={third}"


@held
@override_settings(**GRIP)
def test_nothing_new_on_the_next_link_is_an_empty_answer_held_again(client, blog):
    post_entry(blog, "<p>Only one.</p>")
    (only,) = event_ids(blog)

    response = through_pushpin(client, blog, HTTP_GRIP_LAST=f"blog:{blog.pk}; last-id={only}")

    assert response.content == b""
    assert response["Grip-Channel"] == f"blog:{blog.pk}; prev-id={only}"


@held
@override_settings(**GRIP)
def test_a_bad_grip_last_falls_back_to_the_readers_last_event_id(client, blog):
    for number in range(2):
        post_entry(blog, f"<p>Update {number}.</p>")
    first, second = event_ids(blog)

    for bad in ["", "abc", "-4", "99999999999999999999999", "1.5", '"; x']:
        response = through_pushpin(
            client,
            blog,
            HTTP_LAST_EVENT_ID=str(first),
            HTTP_GRIP_LAST=f"blog:{blog.pk}; last-id={bad}",
        )
        assert frame_ids(response.content) == [second], bad


@held
@override_settings(**GRIP)
def test_a_made_up_last_event_id_holds_from_the_real_last_event(client, blog):
    post_entry(blog, "<p>One.</p>")
    (only,) = event_ids(blog)

    response = through_pushpin(client, blog, HTTP_LAST_EVENT_ID=str(only + 1000))

    assert frame_ids(response.content) == []
    assert response["Grip-Channel"] == f"blog:{blog.pk}; prev-id={only}"


@held
@override_settings(**GRIP)
def test_an_empty_blog_is_held_from_event_zero(client, blog):
    response = through_pushpin(client, blog)
    assert response["Grip-Channel"] == f"blog:{blog.pk}; prev-id=0"


@held
@override_settings(**GRIP)
def test_a_request_pushpin_did_not_sign_is_not_held(client, blog):
    post_entry(blog, "<p>One.</p>")
    signatures = [
        grip_signature("another key, also at least 32 bytes"),
        grip_signature(KEY, expires_in=-10),
        "abc.def.ghi",
    ]
    for signature in signatures:
        response = client.get(events_url(blog), HTTP_GRIP_SIG=signature)

        assert "Grip-Hold" not in response
        assert "Grip-Channel" not in response
        # It went round Pushpin: the app holds no stream, the browser polls.
        assert response.content.startswith(b"retry: 2000\n\n")
        assert frame_ids(response.content) == event_ids(blog)


@held
def test_without_grip_url_a_grip_sig_header_changes_nothing(client, blog):
    response = through_pushpin(client, blog)
    assert "Grip-Hold" not in response
    assert "Grip-Channel" not in response


@held
@override_settings(**GRIP)
def test_an_ended_blog_is_not_held(client, blog):
    post_entry(blog, "<p>Last one.</p>")
    (last,) = event_ids(blog)
    blog.state = LiveBlogPage.State.ENDED
    blog.save_revision().publish()

    missed = through_pushpin(client, blog, HTTP_LAST_EVENT_ID=str(last))
    caught_up = through_pushpin(client, blog, HTTP_LAST_EVENT_ID=str(event_ids(blog)[-1]))

    assert "Grip-Hold" not in missed
    assert frame_ids(missed.content) == event_ids(blog)[1:]  # the "ended" state event
    assert caught_up.status_code == 204
    assert "Grip-Hold" not in caught_up


@held
@override_settings(**GRIP, NEWSDESK_LIVE_REPLAY_LIMIT=2)
def test_a_reader_too_far_behind_is_told_to_reload_and_not_held(client, blog):
    for number in range(3):
        post_entry(blog, f"<p>Update {number}.</p>")

    response = through_pushpin(client, blog, HTTP_LAST_EVENT_ID="0")

    assert "Grip-Hold" not in response
    assert b'"kind":"reload"' in response.content


@held
@override_settings(**GRIP)
def test_a_missing_or_hidden_blog_is_a_404(client, blog):
    blog.unpublish()
    assert through_pushpin(client, blog).status_code == 404
    missing = client.get(
        reverse("live_streams:blog_events", args=[blog.pk + 1000]),
        HTTP_GRIP_SIG=grip_signature(KEY),
    )
    assert missing.status_code == 404


# --- publishing --------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_event_is_published_to_pushpin_after_the_commit_with_its_ids(
    blog, django_capture_on_commit_callbacks
):
    with PublishEndpoint() as pushpin, override_settings(GRIP_URL=f"{pushpin.url}/?key={KEY}"):
        with django_capture_on_commit_callbacks(execute=True):
            entry = post_entry(blog, "<p>The pier is closed.</p>")
            get_broker().wait_all_sent()
            assert pushpin.items == []  # nothing before the commit
        with django_capture_on_commit_callbacks(execute=True):
            edit_entry(entry, "<p>The pier is open again.</p>")
        get_broker().wait_all_sent()

    posted, edited = LiveEvent.objects.filter(blog=blog).order_by("id")
    assert [item["channel"] for item in pushpin.items] == [f"blog:{blog.pk}"] * 2
    assert [(item["id"], item["prev-id"]) for item in pushpin.items] == [
        (str(posted.pk), "0"),
        (str(edited.pk), str(posted.pk)),
    ]
    content = pushpin.items[1]["http-stream"]["content"]
    assert content.startswith(f"id: {edited.pk}\ndata: ")
    assert "The pier is open again." in content
    assert content.endswith("\n\n")
    path, headers = pushpin.requests[0]
    assert path == "/publish/"
    assert headers["Authorization"].startswith("Bearer ")  # signed with the key


@pytest.mark.django_db
def test_a_publish_pushpin_refuses_is_logged_and_the_entry_kept(
    blog, caplog, django_capture_on_commit_callbacks
):
    with (
        PublishEndpoint(status=503) as pushpin,
        override_settings(GRIP_URL=pushpin.url),
        caplog.at_level(logging.WARNING, logger="newsdesk.live.brokers.grip"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            entry = post_entry(blog, "<p>Saved whatever Pushpin says.</p>")
        get_broker().wait_all_sent()

    assert entry.pk is not None
    assert LiveEvent.objects.filter(entry_id=entry.pk).exists()
    assert "not published to the GRIP proxy" in caplog.text


@pytest.mark.django_db
def test_pushpin_not_listening_does_not_stop_an_entry(
    blog, caplog, django_capture_on_commit_callbacks
):
    with (
        override_settings(GRIP_URL=f"http://127.0.0.1:{free_port()}/"),
        caplog.at_level(logging.WARNING, logger="newsdesk.live.brokers.grip"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            entry = post_entry(blog, "<p>Pushpin is down.</p>")
        get_broker().wait_all_sent()
    assert LiveEvent.objects.filter(entry_id=entry.pk).exists()
    assert "not published to the GRIP proxy" in caplog.text


# --- checks and health -------------------------------------------------------------------


def check_ids():
    return [message.id for message in check_grip_settings()]


def test_no_grip_url_is_the_embedded_default_and_passes():
    assert check_ids() == []


@override_settings(**GRIP)
def test_a_grip_url_with_its_key_passes():
    assert check_ids() == []


@pytest.mark.parametrize("url", ["ftp://127.0.0.1:5561/", "127.0.0.1:5561", "http:///publish"])
def test_a_grip_url_that_is_not_an_http_url_is_an_error(url):
    with override_settings(GRIP_URL=url):
        assert check_ids() == ["live.E001"]


@override_settings(GRIP_URL="http://127.0.0.1:5561/")
def test_a_grip_url_without_a_key_is_a_warning():
    assert check_ids() == ["live.W001"]


@override_settings(**GRIP, NEWSDESK_LIVE_BROKER="newsdesk.live.brokers.in_process.InProcessBroker")
def test_another_broker_with_a_grip_url_is_an_error():
    assert check_ids() == ["live.E002"]


@override_settings(NEWSDESK_LIVE_BROKER="newsdesk.live.brokers.grip.GripBroker")
def test_the_grip_broker_without_a_grip_url_is_an_error():
    assert check_ids() == ["live.E003"]


@override_settings(GRIP_URL="ftp://nowhere/")
def test_manage_py_check_fails_on_a_misconfiguration():
    with pytest.raises(SystemCheckError, match=r"live\.E001"):
        call_command("check")


def test_the_health_check_asks_pushpins_publish_endpoint():
    with PublishEndpoint() as pushpin, override_settings(GRIP_URL=pushpin.url):
        assert check_pushpin().ok
    assert pushpin.items == []  # an empty publish


def test_the_health_check_fails_when_pushpin_does_not_answer():
    with override_settings(GRIP_URL=f"http://127.0.0.1:{free_port()}/"), pytest.raises(OSError):
        check_pushpin()
