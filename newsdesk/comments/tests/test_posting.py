"""Readers posting: guests and signed-in readers, with and without JavaScript, replies."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Site

from newsdesk.comments.models import Comment, CommentPolicy, CommentSettings
from newsdesk.users.models import User

from .factories import CommentFactory, comment_form, post_comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_wait")]


def test_a_guest_posts_without_javascript_and_lands_on_their_comment(client, article):
    response = post_comment(client, article, body="The wall is overdue.")

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == (
        f"/comments/article/{article.pk}/?comment={comment.pk}&posted=1#comment-{comment.pk}"
    )
    assert (comment.author_name, comment.author_email, comment.body) == (
        "Ada Reader",
        "ada@example.org",
        "The wall is overdue.",
    )
    assert comment.state == Comment.State.APPROVED
    page = client.get(response["Location"]).content.decode()
    assert f'id="comment-{comment.pk}"' in page
    assert "Your comment is published" in page


def test_a_guest_posts_with_javascript_and_gets_the_comment_back_as_json(client, article):
    response = post_comment(client, article, json=True, body="Posted without a reload.")

    assert response.status_code == 201
    data = response.json()
    comment = Comment.objects.get()
    assert data["id"] == comment.pk
    assert data["count"] == 1
    assert f'id="comment-{comment.pk}"' in data["html"]
    assert "Posted without a reload." in data["html"]


def test_the_email_address_is_never_shown(client, article):
    CommentFactory(page=article, author_email="secret.reader@example.org")
    for name in ("comments:thread", "comments:fragment"):
        page = client.get(reverse(name, args=[article.pk])).content.decode()
        assert "secret.reader" not in page


def test_a_signed_in_reader_posts_under_their_account_name(client, article):
    user = User.objects.create_user(
        "kim", "kim@example.org", "pw", first_name="Kim", last_name="Lee"
    )
    client.force_login(user)
    form = client.get(reverse("comments:thread", args=[article.pk])).content.decode()
    assert 'name="author_email"' not in form
    assert "Commenting as" in form

    post_comment(client, article, author_name="", author_email="")

    comment = Comment.objects.get()
    assert (comment.user, comment.author_name, comment.author_email) == (
        user,
        "Kim Lee",
        "kim@example.org",
    )


def test_a_site_can_require_sign_in(client, article):
    CommentSettings.objects.create(
        site=Site.objects.get(is_default_site=True), require_sign_in=True
    )

    page = client.get(reverse("comments:thread", args=[article.pk])).content.decode()
    assert "Sign in</a> to join the conversation" in page
    assert "<textarea" not in page
    response = post_comment(client, article)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_guests_must_give_a_name_and_a_valid_email(client, article):
    response = post_comment(client, article, author_name="  ", author_email="not-an-email")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Please give a name" in page
    assert "Enter a valid email address" in page
    # What they wrote is still in the form.
    assert "The sea wall vote was overdue" in page
    assert not Comment.objects.exists()


def test_replies_thread_under_their_parent(client, article):
    top = CommentFactory(page=article)
    reply = CommentFactory(parent=top)
    response = post_comment(client, article, parent=str(reply.pk), body="A reply to a reply.")

    assert response.status_code == 302
    new = Comment.objects.latest("pk")
    assert (new.parent, new.thread, new.depth) == (reply, top, 2)


@override_settings(NEWSDESK_COMMENTS_MAX_DEPTH=3)
def test_threads_hold_three_levels_of_replies_then_stay_at_the_deepest(client, article):
    chain = [CommentFactory(page=article)]
    for _ in range(3):
        chain.append(CommentFactory(parent=chain[-1]))
    assert chain[-1].depth == 3

    post_comment(client, article, parent=str(chain[-1].pk), body="Deeper still.")

    new = Comment.objects.latest("pk")
    assert new.depth == 3
    assert new.parent == chain[-2]
    page = client.get(reverse("comments:thread", args=[article.pk])).content.decode()
    for comment in [*chain, new]:
        assert f'id="comment-{comment.pk}"' in page


def test_a_reply_to_a_comment_on_another_article_is_refused(client, article):
    elsewhere = CommentFactory()
    response = post_comment(client, article, parent=str(elsewhere.pk))

    assert response.status_code == 400
    assert "no longer available" in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_reply_link_works_without_javascript(client, article):
    top = CommentFactory(page=article, author_name="Mara")
    page = client.get(
        reverse("comments:thread", args=[article.pk]), {"reply_to": top.pk}
    ).content.decode()
    assert "Reply to Mara" in page
    assert f'name="parent" value="{top.pk}"' in page


def test_a_pre_moderated_comment_is_shown_only_to_its_author_marked_awaiting(client, article):
    CommentPolicy.objects.create(page=article, moderation=CommentPolicy.Moderation.PRE)

    response = post_comment(client, article, body="Held for a moderator.")

    comment = Comment.objects.get()
    assert comment.state == Comment.State.PENDING
    mine = client.get(response["Location"]).content.decode()
    assert "Held for a moderator." in mine
    assert "Awaiting moderation" in mine
    assert "only you can see it" in mine

    stranger = client.__class__()
    theirs = stranger.get(reverse("comments:thread", args=[article.pk])).content.decode()
    assert "Held for a moderator." not in theirs


def test_the_own_comments_cookie_is_signed_and_scoped_to_the_comments_urls(client, article):
    CommentPolicy.objects.create(page=article, moderation=CommentPolicy.Moderation.PRE)
    response = post_comment(client, article, body="Mine.")

    cookie = response.cookies["newsdesk_comments_mine"]
    assert cookie["path"] == "/comments/"
    assert cookie["httponly"]
    # A forged cookie naming someone else's pending comment shows nothing.
    other = CommentFactory(page=article, state=Comment.State.PENDING, body="Not yours.")
    forger = client.__class__()
    forger.cookies["newsdesk_comments_mine"] = str(other.pk)
    page = forger.get(reverse("comments:thread", args=[article.pk])).content.decode()
    assert "Not yours." not in page


def test_sending_the_same_comment_twice_keeps_one(client, article):
    first = post_comment(client, article, body="Only once, please.")
    second = post_comment(client, article, body="Only  once, please.")

    assert Comment.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_comments_on_unpublished_articles_are_not_found(client, article):
    article.unpublish()
    assert client.get(reverse("comments:thread", args=[article.pk])).status_code == 404
    assert post_comment(client, article).status_code == 404


def test_the_form_posts_need_a_csrf_token(article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("comments:post", args=[article.pk]), comment_form(article))
    assert response.status_code == 403
