"""Each role's dashboard shows its work, and only what the role may see."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsdesk.comments.models import Comment
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.desk.panels import today
from newsdesk.news.tests.factories import ArticleFactory


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(html, heading):
    """The text of the dashboard panel with this heading, or None if it is not there."""
    start = html.find(f">{heading}<")
    if start == -1:
        start = html.find(f"{heading}\n")
    if start == -1:
        return None
    end = html.find('class="w-panel ', start)
    return html[start : end if end != -1 else len(html)]


def later_today():
    now = timezone.now()
    return min(now + timedelta(hours=1), today()[1] - timedelta(seconds=30))


@pytest.fixture
def newsroom(contributor, editor, news, business):
    own_draft = ArticleFactory(parent=news, title="Cora drafts the tide tables", live=False)
    own_draft.owner = contributor
    own_draft.save()
    others_draft = ArticleFactory(parent=news, title="Eddie drafts the ferry strike", live=False)
    others_draft.owner = editor
    others_draft.save()
    returned = ArticleFactory(parent=news, title="Cora's harbour piece", live=False)
    returned.owner = contributor
    returned.save()
    returned.save_revision(user=contributor)
    state = returned.get_workflow().start(returned, contributor)
    state.current_task_state.reject(user=editor, comment="Needs a second source")
    in_review = ArticleFactory(parent=news, title="Cora's lighthouse piece", live=False)
    in_review.save_revision(user=contributor)
    in_review.get_workflow().start(in_review, contributor)
    scheduled = {}
    for section, title in ((news, "Pier reopens at noon"), (business, "Bank results at noon")):
        page = ArticleFactory(parent=section, title=title, live=False)
        page.go_live_at = later_today()
        page.save_revision(user=editor).publish(user=editor)
        scheduled[section.slug] = page
    published = ArticleFactory(parent=news, title="Storm closes the coast road")
    published.save_revision(user=editor).publish(user=editor)
    news.title = "News and weather"  # a section republished: not a story, not listed
    news.save_revision(user=editor).publish(user=editor)
    old = ArticleFactory(parent=news, title="Last year's regatta")
    old.save_revision(user=editor).publish(user=editor)
    type(old).objects.filter(pk=old.pk).update(last_published_at=timezone.now() - timedelta(days=3))
    CommentFactory(page=published, state=Comment.State.PENDING)
    return locals()


@pytest.mark.django_db
def test_a_contributor_sees_their_drafts_returns_and_the_desk_s_news(client, contributor, newsroom):
    html = dashboard(client, contributor)
    drafts = panel(html, "My drafts")
    assert "Cora drafts the tide tables" in drafts
    assert "Eddie drafts the ferry strike" not in drafts
    assert "Cora&#x27;s harbour piece" not in drafts  # returned, listed below
    assert "Cora&#x27;s lighthouse piece" not in drafts  # in review
    assert reverse("wagtailadmin_pages:edit", args=[newsroom["own_draft"].pk]) in drafts
    returned = panel(html, "Returned to me")
    assert "Cora&#x27;s harbour piece" in returned
    assert reverse("wagtailadmin_pages:edit", args=[newsroom["returned"].pk]) in returned
    published = panel(html, "Published in the last 24 hours")
    assert "Storm closes the coast road" in published
    assert "Last year&#x27;s regatta" not in published
    assert "News and weather" not in published
    assert panel(html, "Scheduled today") is None
    assert panel(html, "Reader comments") is None
    assert panel(html, "Awaiting your review") is None


@pytest.mark.django_db
def test_an_editor_sees_what_waits_for_review_and_what_goes_live_today(client, editor, newsroom):
    html = dashboard(client, editor)
    scheduled = panel(html, "Scheduled today")
    assert "Pier reopens at noon" in scheduled and "Bank results at noon" in scheduled
    assert "Storm closes the coast road" not in scheduled
    assert "Cora&#x27;s lighthouse piece" in panel(html, "Awaiting your review")
    drafts = panel(html, "My drafts")
    assert "Eddie drafts the ferry strike" in drafts
    assert "Cora drafts the tide tables" not in drafts
    assert "Needs a second source" not in (panel(html, "Returned to me") or "")
    comments = panel(html, "Reader comments")
    assert "<strong>1</strong> awaiting moderation" in comments


@pytest.mark.django_db
def test_a_desk_editor_sees_only_their_desk_s_schedule(client, desk_editor, newsroom):
    scheduled = panel(dashboard(client, desk_editor), "Scheduled today")
    assert "Pier reopens at noon" in scheduled
    assert "Bank results at noon" not in scheduled


@pytest.mark.django_db
def test_a_moderator_sees_the_comments_and_no_page_work(client, moderator, newsroom):
    html = dashboard(client, moderator)
    assert "<strong>1</strong> awaiting moderation" in panel(html, "Reader comments")
    for heading in ("My drafts", "Returned to me", "Scheduled today", "Write"):
        assert panel(html, heading) is None, heading
    for title in ("Pier reopens", "Bank results", "tide tables", "harbour piece"):
        assert title not in html
