"""Moderation in the Wagtail admin: the queue, its filters and actions, permissions, the
dashboard counts, and the audit log."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from newsdesk.comments.models import Ban, Comment
from newsdesk.news.tests.factories import ArticleFactory
from newsdesk.users.roles import moderators

from .factories import CommentFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/comments/"
MODERATE = "/admin/comments/moderate/"


@pytest.fixture
def moderator(db):
    """A newsroom moderator: admin access and the moderate_comment permission, nothing more."""
    user = get_user_model().objects.create_user("moderator", "mod@example.org", "pw")
    user.groups.add(moderators())  # the role newsdesk/users/roles.py declares
    return user


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("editor", "ed@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def refused(response):
    # Wagtail's admin turns PermissionDenied into a redirect home with a message.
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_only_moderators_see_the_queue(client, moderator, editor, article):
    comment = CommentFactory(page=article, state=Comment.State.PENDING)
    client.force_login(editor)
    assert refused(client.get(QUEUE))
    assert refused(client.post(MODERATE, {"single": f"approve:{comment.pk}"}))
    assert refused(client.get(f"/admin/comments/{comment.pk}/edit/"))
    comment.refresh_from_db()
    assert comment.state == Comment.State.PENDING
    client.force_login(moderator)
    assert client.get(QUEUE).status_code == 200


def test_the_queue_opens_on_comments_awaiting_moderation_with_counts(client, moderator, article):
    CommentFactory(
        page=article,
        state=Comment.State.PENDING,
        body="Waiting.",
        held_for=["Pre-moderated section"],
    )
    CommentFactory(page=article, body="Published.")
    CommentFactory(page=article, state=Comment.State.SPAM, body="Spam.")
    client.force_login(moderator)

    html = client.get(QUEUE).content.decode()

    assert "Waiting." in html and "Published." not in html and "Spam." not in html
    assert "Pre-moderated section" in html  # why it was held, on its card
    assert 'Awaiting moderation <span class="cm-tab__count">1</span>' in html
    assert 'All <span class="cm-tab__count">3</span>' in html


def test_filter_by_state_and_by_article(client, moderator, article, section):
    other = ArticleFactory(parent=section, title="A different story")
    CommentFactory(page=article, body="On the sea wall.")
    CommentFactory(page=other, body="On the other story.")
    client.force_login(moderator)

    approved = client.get(QUEUE, {"state": "approved"}).content.decode()
    assert "On the sea wall." in approved and "On the other story." in approved
    one_article = client.get(QUEUE, {"state": "approved", "article": other.pk}).content.decode()
    assert "On the other story." in one_article and "On the sea wall." not in one_article
    assert "Article: A different story" in one_article
    searched = client.get(QUEUE, {"state": "all", "q": "sea wall"}).content.decode()
    assert "On the sea wall." in searched and "On the other story." not in searched
    assert client.get(QUEUE, {"q": "sea\x00wall"}).status_code == 200


@pytest.mark.parametrize(
    ("decision", "state"),
    [("approve", "approved"), ("reject", "rejected"), ("spam", "spam")],
)
def test_each_decision_is_made_and_logged(client, moderator, article, decision, state):
    comment = CommentFactory(page=article, state=Comment.State.PENDING)
    client.force_login(moderator)

    response = client.post(MODERATE, {"single": f"{decision}:{comment.pk}", "next": QUEUE})

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.state == state
    entry = ModelLogEntry.objects.get(action=f"comments.{decision}")
    assert (entry.user, entry.object_id) == (moderator, str(comment.pk))
    assert entry.data["from_state"] == "pending" and entry.data["to_state"] == state
    assert entry.timestamp is not None


def test_bulk_actions(client, moderator, article):
    chosen = CommentFactory.create_batch(3, page=article, state=Comment.State.PENDING)
    untouched = CommentFactory(page=article, state=Comment.State.PENDING)
    client.force_login(moderator)

    client.post(MODERATE, {"bulk": "reject", "comment": [c.pk for c in chosen]})

    assert set(Comment.objects.filter(state="rejected")) == set(chosen)
    untouched.refresh_from_db()
    assert untouched.state == Comment.State.PENDING
    assert ModelLogEntry.objects.filter(action="comments.reject").count() == 3


def test_edit_is_logged_with_before_and_after_and_shown_to_readers(client, moderator, article):
    comment = CommentFactory(page=article, body="Teh council voted.")
    client.force_login(moderator)

    client.post(f"/admin/comments/{comment.pk}/edit/", {"body": "The council voted."})

    comment.refresh_from_db()
    assert comment.body == "The council voted."
    entry = ModelLogEntry.objects.get(action="comments.edit")
    assert (
        entry.data["before"] == "Teh council voted." and entry.data["after"] == "The council voted."
    )
    page = client.get(reverse("comments:thread", args=[article.pk])).content.decode()
    assert "Edited by a moderator" in page


def test_an_over_long_edit_is_refused_not_cut(client, moderator, article, settings):
    settings.NEWSDESK_COMMENTS_MAX_LENGTH = 10
    comment = CommentFactory(page=article, body="Short.")
    client.force_login(moderator)
    response = client.post(f"/admin/comments/{comment.pk}/edit/", {"body": "x" * 11})
    assert response.status_code == 200
    assert "the limit is 10" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Short."


def test_reply_as_the_newsroom(client, moderator, article):
    parent = CommentFactory(page=article)
    client.force_login(moderator)

    client.post(f"/admin/comments/{parent.pk}/reply/", {"body": "We have corrected the figure."})

    reply = Comment.objects.get(parent=parent)
    assert reply.is_newsroom_reply and reply.state == Comment.State.APPROVED
    assert (reply.author_name, reply.user) == ("The Newsdesk", moderator)
    assert ModelLogEntry.objects.filter(action="comments.newsroom_reply").exists()
    page = client.get(reverse("comments:thread", args=[article.pk])).content.decode()
    assert ">Newsroom<" in page


def test_ban_an_email_or_an_address(client, moderator, article):
    comment = CommentFactory(
        page=article, author_email="Troll@Example.org", ip_address="203.0.113.66"
    )
    client.force_login(moderator)

    client.post(MODERATE, {"single": f"ban-email:{comment.pk}"})
    client.post(MODERATE, {"single": f"ban-address:{comment.pk}"})

    assert set(Ban.objects.values_list("kind", "value")) == {
        ("email", "troll@example.org"),
        ("address", "203.0.113.66"),
    }
    assert ModelLogEntry.objects.filter(action="comments.ban").count() == 2
    html = client.get(QUEUE, {"state": "all"}).content.decode()
    assert "Email banned" in html and "Address banned" in html


def test_the_next_url_cannot_send_a_moderator_off_site(client, moderator, article):
    comment = CommentFactory(page=article, state=Comment.State.PENDING)
    client.force_login(moderator)
    response = client.post(
        MODERATE, {"single": f"approve:{comment.pk}", "next": "https://evil.example/"}
    )
    assert response["Location"] == QUEUE


def test_the_dashboard_shows_counts_to_moderators_only(client, moderator, editor, article):
    CommentFactory.create_batch(2, page=article, state=Comment.State.PENDING)
    CommentFactory(page=article, state=Comment.State.PENDING, spam_score=0.97)
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "<strong>3</strong> awaiting moderation" in html
    assert "<strong>1</strong> of them suspected spam" in html
    client.force_login(editor)
    assert "awaiting moderation" not in client.get("/admin/").content.decode()


def test_the_menu_and_the_rules_bans_and_terms_screens(client, moderator, editor):
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "Moderation queue" in html
    for url in (
        "/admin/comments/rules/",
        "/admin/comments/bans/",
        "/admin/comments/blocked-terms/",
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(editor)
    assert refused(client.get("/admin/comments/bans/"))


def test_a_section_rule_is_set_in_the_admin_with_a_page_chooser(client, moderator, section):
    from newsdesk.comments.models import CommentPolicy

    client.force_login(moderator)
    response = client.post(
        "/admin/comments/rules/new/",
        {"page": section.pk, "comments_closed": "on", "moderation": "pre"},
    )
    assert response.status_code == 302
    rule = CommentPolicy.objects.get()
    assert (rule.page_id, rule.comments_closed, rule.moderation) == (section.pk, True, "pre")
    assert ModelLogEntry.objects.filter(action="wagtail.create").exists()


def test_moderation_shows_in_wagtails_site_history(client, moderator, article):
    comment = CommentFactory(page=article, state=Comment.State.PENDING)
    client.force_login(moderator)
    client.post(MODERATE, {"single": f"spam:{comment.pk}"})
    html = client.get("/admin/reports/site-history/").content.decode()
    assert "Marked comment as spam" in html
