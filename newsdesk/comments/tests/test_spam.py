"""Spam and abuse defences, none of them a network service. A refused reader is told why
and keeps everything they typed."""

import pytest
from django.test import override_settings

from newsdesk.comments.models import Ban, BlockedTerm, Comment
from newsdesk.news.tests.factories import ArticleFactory

from .factories import post_comment

pytestmark = pytest.mark.django_db

TYPED = "A long and careful comment the reader must not lose."


@pytest.mark.usefixtures("no_wait")
def test_the_honeypot_refuses_robots(client, article):
    response = post_comment(client, article, website="http://spam.example")
    assert response.status_code == 400
    assert "could not be posted" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("no_wait")
@override_settings(NEWSDESK_COMMENTS_RATE_LIMITS=[(3, 60)])
def test_rate_limit_per_address(client, article):
    for n in range(3):
        assert (
            post_comment(
                client, article, body=f"Comment {n}", author_email=f"r{n}@example.org"
            ).status_code
            == 302
        )
    response = post_comment(client, article, body=TYPED, author_email="fresh@example.org")

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "faster than we allow" in page
    assert TYPED in page and "fresh@example.org" in page and "Ada Reader" in page
    # Another reader, elsewhere, is unaffected.
    assert (
        post_comment(
            client, article, body="Hello", address="203.0.113.9", author_email="x@example.org"
        ).status_code
        == 302
    )


@pytest.mark.usefixtures("no_wait")
@override_settings(NEWSDESK_COMMENTS_RATE_LIMITS=[(3, 60)])
def test_rate_limit_per_email_whatever_the_address(client, article):
    for n in range(3):
        post_comment(
            client,
            article,
            body=f"Comment {n}",
            address=f"198.51.100.{n + 1}",
            author_email="Same@Example.org",
        )
    response = post_comment(
        client, article, body=TYPED, address="198.51.100.99", author_email="same@example.org"
    )
    assert response.status_code == 429


@pytest.mark.usefixtures("no_wait")
@override_settings(NEWSDESK_COMMENTS_RATE_LIMITS=[(1, 60)])
def test_a_rate_limited_javascript_reader_gets_the_form_back_with_their_text(client, article):
    post_comment(client, article, json=True)
    response = post_comment(client, article, json=True, body=TYPED)
    assert response.status_code == 429
    form = response.json()["form"]
    assert TYPED in form
    assert "faster than we allow" in form


@pytest.mark.usefixtures("no_wait")
@override_settings(NEWSDESK_COMMENTS_MAX_LINKS=2)
def test_a_cap_on_links(client, article):
    three = "See https://a.example and https://b.example and https://c.example too."
    response = post_comment(client, article, body=three)
    assert response.status_code == 400
    assert "at most 2 links; yours has 3" in response.content.decode()
    assert post_comment(client, article, body="Only https://a.example here.").status_code == 302


@pytest.mark.usefixtures("no_wait")
def test_a_blocked_term_holds_the_comment_for_a_moderator(client, article):
    BlockedTerm.objects.create(term="Cheap Pills")
    post_comment(client, article, body="Buy cheap pills today.")
    comment = Comment.objects.get()
    assert comment.state == Comment.State.PENDING
    assert comment.held_for == ["Blocked term: cheap pills"]


@pytest.mark.usefixtures("no_wait")
@override_settings(NEWSDESK_COMMENTS_BLOCKLIST=["casino"])
def test_blocked_terms_match_whole_words_only(client, article):
    post_comment(client, article, body="The casinos on the pier closed in 1990.")
    assert Comment.objects.get().state == Comment.State.APPROVED
    post_comment(client, article, body="Visit my casino", address="203.0.113.5")
    assert Comment.objects.latest("pk").state == Comment.State.PENDING


@pytest.mark.usefixtures("no_wait")
def test_the_same_text_on_another_article_is_held(client, article, section):
    other = ArticleFactory(parent=section)
    post_comment(client, article, body="Great article, see my profile!")
    post_comment(client, other, body="great article,   see my profile!")

    first, second = Comment.objects.order_by("pk")
    assert first.state == Comment.State.APPROVED
    assert second.state == Comment.State.PENDING
    assert second.held_for == ["Same text posted on another article"]


@pytest.mark.usefixtures("no_wait")
def test_banned_emails_and_addresses_cannot_comment(client, article):
    Ban.objects.create(kind=Ban.Kind.EMAIL, value="Troll@Example.org")
    response = post_comment(client, article, author_email="troll@example.ORG")
    assert response.status_code == 403
    assert "no longer comment" in response.content.decode()

    Ban.objects.create(kind=Ban.Kind.ADDRESS, value="203.0.113.66")
    assert post_comment(client, article, address="203.0.113.66").status_code == 403
    assert not Comment.objects.exists()
