"""The comment form's token: signed into the form (reading writes nothing), claimed in the
database by its post, posted once, within two hours, not faster than a person types. Whoever is refused gets their form back with everything they
typed and a token that works; a resent post is answered with the comment it made."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from newsdesk.comments.form_tokens import PRUNE_BATCH, is_usable, issue_form_token
from newsdesk.comments.models import Comment, FormToken
from newsdesk.news.tests.factories import ArticleFactory

from .factories import CommentPolicyFactory, comment_form, served_form_token

pytestmark = pytest.mark.django_db

TYPED = "A long and careful comment the reader must not lose."
TWO_HOURS = 2 * 60 * 60


def post(client, article, *, json=False, **fields):
    headers = {"Accept": "application/json"} if json else {}
    return client.post(
        reverse("comments:post", args=[article.pk]),
        {**comment_form(article), "body": TYPED, **fields},
        headers=headers,
        REMOTE_ADDR="198.51.100.7",
    )


def token_in(html):
    return re.search(r'name="form_token" value="([^"]*)"', html).group(1)


@pytest.mark.parametrize("view", ["comments:thread", "comments:fragment"])
def test_reading_the_comments_writes_nothing(client, article, view):
    url = reverse(view, args=[article.pk])
    keys = {token_in(client.get(url).content.decode()) for _ in range(50)}
    assert len(keys) == 50  # each form its own token...
    assert not FormToken.objects.exists()  # ...and not one row for it
    assert all(is_usable(key, article) for key in keys)


def test_the_token_is_signed_not_guessable(client, article):
    key = token_in(client.get(reverse("comments:thread", args=[article.pk])).content.decode())
    nonce, page_id, _issued, _signature = key.split(":")
    assert len(nonce) >= 22 and int(page_id) == article.pk
    tampered = key.replace(f":{page_id}:", f":{article.pk + 1}:")
    assert not is_usable(tampered, article)


def test_a_form_sent_faster_than_a_person_types_is_refused_and_kept(client, article):
    key = served_form_token(article, seconds_ago=0.5)
    response = post(client, article, form_token=key)
    page = response.content.decode()
    assert response.status_code == 400
    assert "quicker than we allow" in page
    assert TYPED in page
    # The same token, still unclaimed, is handed back: its clock keeps running.
    assert token_in(page) == key
    assert not FormToken.objects.exists()
    with override_settings(NEWSDESK_COMMENTS_MIN_SUBMIT_SECONDS=0.4):  # time has passed
        assert post(client, article, form_token=key).status_code == 302
    assert Comment.objects.get().body == TYPED


def test_an_expired_form_is_refused_with_the_text_and_a_fresh_token(client, article):
    expired = served_form_token(article, seconds_ago=TWO_HOURS + 60)
    response = post(client, article, form_token=expired)
    page = response.content.decode()
    assert response.status_code == 400
    assert "This form has expired. Your comment is still here" in page
    assert TYPED in page
    fresh = token_in(page)
    assert fresh != expired
    with override_settings(NEWSDESK_COMMENTS_MIN_SUBMIT_SECONDS=0):
        assert post(client, article, form_token=fresh).status_code == 302
    assert Comment.objects.get().body == TYPED


@pytest.mark.usefixtures("no_wait")
@pytest.mark.parametrize(
    "forged",
    [
        "12345",
        "",
        "x" * 64,
        "x" * 5000,
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "abc\x00def",  # PostgreSQL refuses NUL in text: must not reach a query
        "A" * 21 + "\x00" + "B" * 21,
        # The old kind of token: a signed timestamp, once valid for a day.
        "MTcwMDAwMDAwMC4w:1qZ9Xb:abcdefghijklmnopqrstuvwxyz0",
    ],
)
def test_a_forged_token_is_refused_and_the_text_kept(client, article, forged):
    response = post(client, article, form_token=forged)
    page = response.content.decode()
    assert response.status_code == 400
    assert TYPED in page
    assert "<script>alert(1)</script>" not in page
    assert is_usable(token_in(page), article)  # a real one to retry with
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("no_wait")
def test_a_token_for_another_article_is_refused(client, article, section):
    other = ArticleFactory(parent=section)
    response = post(client, article, form_token=issue_form_token(other))
    assert response.status_code == 400
    assert "could not be checked" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("no_wait")
def test_a_resent_post_is_answered_with_the_comment_it_made(client, article):
    key = served_form_token(article)
    first = post(client, article, json=True, form_token=key)
    second = post(client, article, json=True, form_token=key)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert Comment.objects.count() == 1

    # Without JavaScript: both land on the same comment.
    key = served_form_token(article)
    redirects = [post(client, article, form_token=key, body="Another point.") for _ in range(2)]
    assert redirects[0]["Location"] == redirects[1]["Location"]
    assert Comment.objects.count() == 2


@pytest.mark.usefixtures("no_wait")
def test_a_replayed_token_buys_no_second_comment(client, article):
    key = served_form_token(article)
    assert post(client, article, json=True, form_token=key).status_code == 201
    replay = post(client, article, json=True, form_token=key, body="A different comment entirely.")
    assert replay.status_code == 400
    form = replay.json()["form"]
    assert "already been sent" in form
    assert "A different comment entirely." in form  # nothing typed is lost
    assert token_in(form) != key  # and a token that works comes with it
    assert Comment.objects.count() == 1


@pytest.mark.usefixtures("no_wait")
def test_each_posted_comment_brings_the_token_for_the_next(client, article):
    first = post(client, article, json=True, form_token=served_form_token(article))
    second = post(client, article, json=True, form_token=first.json()["form_token"], body="More.")
    assert second.status_code == 201
    assert Comment.objects.count() == 2


@pytest.mark.usefixtures("no_wait")
def test_claimed_tokens_past_their_lifetime_are_forgotten_a_batch_at_a_time(client, article):
    long_ago = timezone.now() - timedelta(seconds=TWO_HOURS + 1)
    FormToken.objects.bulk_create(
        FormToken(key=f"stale{n}", page=article, issued_at=long_ago, used_at=long_ago)
        for n in range(PRUNE_BATCH + 5)
    )
    recent = served_form_token(article, seconds_ago=60)
    assert post(client, article, json=True, form_token=recent).status_code == 201
    assert FormToken.objects.filter(issued_at__lt=timezone.now() - timedelta(hours=1)).count() == 5
    # The fresh claim stays: a resent post is still answered with its comment.
    assert post(client, article, json=True, form_token=recent).status_code == 201
    assert Comment.objects.count() == 1


def test_no_token_is_issued_where_nobody_may_comment(client, article):
    CommentPolicyFactory(page=article, comments_closed=True)
    client.get(reverse("comments:thread", args=[article.pk]))
    assert not FormToken.objects.exists()
