"""Rate limits and address bans count readers, not the proxy in front of them, and a
reader writing their own X-Forwarded-For can neither dodge them nor get someone else
banned. (The real front, Varnish before a live server, is test_behind_varnish.py.)"""

import pytest
from django.test import override_settings
from django.urls import reverse

from newsdesk.comments.actions import do_ban
from newsdesk.comments.models import Ban, Comment
from newsdesk.comments.spam import CommentRefused

from .factories import comment_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_wait")]

VARNISH = "127.0.0.1"


@pytest.fixture(autouse=True)
def behind_varnish():
    with override_settings(NEWSDESK_TRUSTED_PROXY_COUNT=1, NEWSDESK_COMMENTS_RATE_LIMITS=[(5, 60)]):
        yield


def post_through_varnish(client, article, reader, *, forged="", n=0):
    """A post as Varnish passes it on: whatever the client sent, then the client. Each n
    is another email address, so only the address limit applies."""
    forwarded_for = f"{forged}, {reader}" if forged else reader
    return client.post(
        reverse("comments:post", args=[article.pk]),
        comment_form(
            article,
            body=f"Comment number {n} on the sea wall, from {reader}.",
            author_email=f"reader{n}@example.org",
        ),
        REMOTE_ADDR=VARNISH,
        HTTP_X_FORWARDED_FOR=forwarded_for,
        headers={"Accept": "application/json"},
    )


def test_readers_behind_the_proxy_are_limited_each_on_their_own(client, article):
    statuses = [
        post_through_varnish(client, article, reader, n=n).status_code
        for n in range(5)
        for reader in ("198.51.100.7", "203.0.113.9")
    ]
    assert statuses == [201] * 10  # five each, not five for the whole site
    addresses = set(Comment.objects.values_list("ip_address", flat=True))
    assert addresses == {"198.51.100.7", "203.0.113.9"}


def test_a_forged_forwarded_for_does_not_dodge_the_limit(client, article):
    statuses = [
        post_through_varnish(client, article, "198.51.100.7", forged=f"10.0.0.{n}", n=n).status_code
        for n in range(8)
    ]
    assert statuses == [201] * 5 + [429] * 3
    assert Comment.objects.count() == 5


@pytest.mark.parametrize(
    "forged",
    ["garbage", "2001:db8::1", "[2001:db8::1]:443", "203.0.113.9:80", ", , ,", "1.2.3.4, " * 300],
)
def test_malformed_forwarded_for_from_the_client_changes_nothing(client, article, forged):
    response = post_through_varnish(client, article, "198.51.100.7", forged=forged)
    assert response.status_code == 201
    assert Comment.objects.get().ip_address == "198.51.100.7"


def test_an_address_ban_holds_whatever_the_client_forges(client, article):
    Ban.objects.create(kind=Ban.Kind.ADDRESS, value="198.51.100.7")
    response = post_through_varnish(client, article, "198.51.100.7", forged="203.0.113.9")
    assert response.status_code == 403
    assert post_through_varnish(client, article, "203.0.113.9", n=1).status_code == 201


def test_banning_a_comments_address_bans_its_reader_not_whom_they_named(
    client, article, admin_user
):
    post_through_varnish(client, article, "198.51.100.7", forged="203.0.113.9")
    do_ban(Ban.Kind.ADDRESS, Comment.objects.get().ip_address, admin_user)

    assert post_through_varnish(client, article, "203.0.113.9", n=1).status_code == 201
    assert post_through_varnish(client, article, VARNISH, n=2).status_code == 201
    assert post_through_varnish(client, article, "198.51.100.7", n=3).status_code == 403


def test_an_ipv6_reader_cannot_dodge_the_limit_by_rotating_addresses(client, article):
    statuses = [
        post_through_varnish(client, article, f"2001:db8:1:2::{n:x}", n=n).status_code
        for n in range(7)
    ]
    assert statuses == [201] * 5 + [429] * 2
    # Another /64 is another household.
    assert post_through_varnish(client, article, "2001:db8:1:3::1", n=9).status_code == 201


def test_address_bans_match_however_they_were_typed(client, article):
    Ban.objects.create(kind=Ban.Kind.ADDRESS, value=" 2001:DB8:0:0::7 ")
    assert Ban.objects.get().value == "2001:db8::7"
    assert post_through_varnish(client, article, "[2001:db8::7]:443").status_code == 403


@pytest.mark.parametrize("typed", ["unknown", "198.51.100", "<script>", "2001:db8::g"])
def test_a_ban_on_something_that_is_not_an_address_is_refused(typed, admin_user):
    with pytest.raises(CommentRefused, match="not a network address"):
        do_ban(Ban.Kind.ADDRESS, typed, admin_user)
    ban = Ban(kind=Ban.Kind.ADDRESS, value=typed)
    with pytest.raises(Exception, match="Not a network address"):
        ban.full_clean()
    assert not Ban.objects.exists()


@override_settings(NEWSDESK_TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_the_header_is_ignored(client, article):
    client.post(
        reverse("comments:post", args=[article.pk]),
        comment_form(article),
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert Comment.objects.get().ip_address == "198.51.100.7"
