"""Reply notifications: opt-in, sent once after the commit, with a one-click unsubscribe."""

import email
import socket

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from newsdesk.comments.actions import do_moderate_comment, do_reply_as_newsroom
from newsdesk.comments.models import Comment, CommentPolicy
from newsdesk.comments.notifications import unsubscribe_token

from .factories import CommentFactory, post_comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_wait")]


@pytest.fixture
def asked(article):
    return CommentFactory(
        page=article, author_name="Mara", author_email="mara@example.org", notify_on_reply=True
    )


def reply(client, parent, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return post_comment(
            client,
            parent.page,
            parent=str(parent.pk),
            body=fields.pop("body", "I see it differently."),
            author_name="Dev",
            author_email=fields.pop("author_email", "dev@example.org"),
            **fields,
        )


def test_a_reader_who_asked_is_emailed_when_someone_replies(
    client, asked, django_capture_on_commit_callbacks
):
    reply(client, asked, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    new = Comment.objects.latest("pk")
    assert message.to == ["mara@example.org"]
    assert (
        message.subject == "Dev replied to your comment on “Harbour council votes on the sea wall”"
    )
    assert "I see it differently." in message.body
    assert f"/comments/article/{asked.page_id}/?comment={new.pk}#comment-{new.pk}" in message.body
    unsubscribe = f"/comments/unsubscribe/{unsubscribe_token(asked)}/"
    assert unsubscribe in message.body
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{unsubscribe}>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The replier's address is never given away.
    assert "dev@example.org" not in message.body


def test_no_email_without_asking(client, article, django_capture_on_commit_callbacks):
    parent = CommentFactory(page=article, notify_on_reply=False)
    reply(client, parent, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_no_email_for_replying_to_yourself(client, asked, django_capture_on_commit_callbacks):
    reply(client, asked, django_capture_on_commit_callbacks, author_email="MARA@example.org")
    assert mail.outbox == []


def test_nothing_is_sent_before_the_commit(client, asked, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_comment(
            client, asked.page, parent=str(asked.pk), body="Later.", author_email="x@example.org"
        )
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_held_reply_is_announced_when_approved_and_only_once(
    client, asked, django_capture_on_commit_callbacks
):
    CommentPolicy.objects.create(page=asked.page, moderation=CommentPolicy.Moderation.PRE)
    reply(client, asked, django_capture_on_commit_callbacks)
    assert mail.outbox == []

    held = Comment.objects.latest("pk")
    moderator = get_user_model().objects.create_superuser("mod", "mod@example.org", "pw")
    with django_capture_on_commit_callbacks(execute=True):
        do_moderate_comment(held, "approve", moderator)
        do_moderate_comment(held, "reject", moderator)
        do_moderate_comment(held, "approve", moderator)
    assert len(mail.outbox) == 1


def test_a_newsroom_reply_is_announced(asked, django_capture_on_commit_callbacks):
    moderator = get_user_model().objects.create_superuser("mod", "mod@example.org", "pw")
    with django_capture_on_commit_callbacks(execute=True):
        do_reply_as_newsroom(asked, "Thanks, we've corrected the date.", moderator)
    assert mail.outbox[0].subject.startswith("The Newsdesk replied")


def test_the_opt_in_box_is_saved(client, article):
    post_comment(client, article, notify_on_reply="on")
    assert Comment.objects.get().notify_on_reply


def test_one_click_unsubscribe_stops_every_reply_email_to_that_address(client, asked):
    other = CommentFactory(author_email="Mara@Example.org", notify_on_reply=True)
    url = reverse("comments:unsubscribe", args=[unsubscribe_token(asked)])

    # A mail app's RFC 8058 one-click POST carries no CSRF token.
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    asked.refresh_from_db()
    other.refresh_from_db()
    assert not asked.notify_on_reply and not other.notify_on_reply


def test_opening_the_link_asks_first_so_link_scanners_cannot_unsubscribe(client, asked):
    response = client.get(reverse("comments:unsubscribe", args=[unsubscribe_token(asked)]))
    assert response.status_code == 200
    assert "Unsubscribe</button>" in response.content.decode()
    asked.refresh_from_db()
    assert asked.notify_on_reply


def test_a_forged_unsubscribe_link_does_nothing(client, asked):
    forged = unsubscribe_token(asked)[:-2] + "xx"
    assert client.post(reverse("comments:unsubscribe", args=[forged])).status_code == 404
    asked.refresh_from_db()
    assert asked.notify_on_reply


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def test_the_email_goes_through_a_real_smtp_server(
    client, asked, django_capture_on_commit_callbacks
):
    from aiosmtpd.controller import Controller

    mailbox, port = Mailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_TIMEOUT=10,
        ):
            reply(client, asked, django_capture_on_commit_callbacks)
    finally:
        controller.stop()

    assert len(mailbox.messages) == 1
    envelope = mailbox.messages[0]
    assert envelope.rcpt_tos == ["mara@example.org"]
    message = email.message_from_bytes(envelope.original_content)
    unsubscribe = f"/comments/unsubscribe/{unsubscribe_token(asked)}/"
    assert unsubscribe in message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = message.get_payload(decode=True).decode()
    assert unsubscribe in body and "I see it differently." in body
