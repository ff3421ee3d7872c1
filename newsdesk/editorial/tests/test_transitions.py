"""One transition after another, through the real admin views: an action begun on what
the user saw is refused with a message once someone else changed it, a failed action is
undone whole (no email, no purge), and a refusal tells nothing to those who may not know.
The same races with parallel requests are in test_races.py (PostgreSQL)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page, WorkflowState

from .desks import body_of, draft_story, hidden_input, submitted_story

pytestmark = pytest.mark.django_db


class Editor:
    """A person's admin session through Django's test client."""

    def __init__(self, user):
        self.user = user
        self.client = Client(raise_request_exception=False)
        self.client.force_login(user)
        self.seen = {}

    def open_editor(self, page):
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        self.seen = {
            name: hidden_input(name, html)
            for name in ("loaded_revision_id", "loaded_revision_created_at")
        }

    def edit(self, page, **action):
        from newsdesk.news.tests.factories import article_form

        form = article_form(page.title, slug=page.slug, body=body_of("Words."), **self.seen)
        return self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {**form, **action}, follow=True
        )

    def approve_in_editor(self, page):
        return self.edit(page, **{"action-workflow-action": "1", "workflow-action-name": "approve"})

    def task_action(self, page, action, task_state, comment=""):
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
        return self.client.post(url, {"comment": comment}, follow=True)


def text(response):
    return response.content.decode()


@pytest.fixture
def desks(people):
    return (Editor(people.editor), Editor(people.other_editor), Editor(people.author))


@pytest.fixture
def story(people):
    return submitted_story(people.section, people.author, "Sea wall vote")


def live_state(page):
    page = Page.objects.get(pk=page.pk)
    return page.live, page.live_revision_id, page.latest_revision_id


class TestTheSecondOfTwoActionsIsToldWhy:
    def test_approving_a_story_already_approved(
        self, desks, story, django_capture_on_commit_callbacks
    ):
        editor, other, _ = desks
        editor.open_editor(story)
        with django_capture_on_commit_callbacks(execute=True):
            other.approve_in_editor(story)
        approved = live_state(story)
        assert approved[0]
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            response = editor.approve_in_editor(story)

        assert response.status_code == 200
        assert "“Sea wall vote” was already approved by Chen." in text(response)
        assert live_state(story) == approved  # no new revision, still live
        assert mail.outbox == []

    def test_approving_from_the_dashboard_after_changes_were_requested(self, desks, story):
        editor, other, _ = desks
        task_state = story.current_workflow_task_state
        other.task_action(story, "reject", task_state, comment="Check the quote.")

        response = editor.task_action(story, "approve", task_state)

        assert "“Sea wall vote” was already sent back for changes by Chen." in text(response)
        state = WorkflowState.objects.get(object_id=str(story.pk))
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
        assert not live_state(story)[0]

    def test_approving_a_version_the_reviewer_never_saw(self, desks, story):
        editor, other, author = desks
        editor.open_editor(story)
        other.task_action(story, "reject", story.current_workflow_task_state, comment="Quote?")
        author.open_editor(story)
        author.edit(story, **{"action-submit": "1"})  # resubmitted, with a new version

        response = editor.approve_in_editor(story)

        assert "“Sea wall vote” changed while you were looking at it (Aisha saved" in text(response)
        assert not live_state(story)[0]
        assert story.current_workflow_task_state is not None  # still waiting for a review

    def test_publishing_over_a_colleagues_publish(self, desks, people):
        editor, other, _ = desks
        page = draft_story(people.section, people.author, "Ferry timetable")
        editor.open_editor(page)
        other.open_editor(page)
        other.edit(page, **{"action-publish": "1"})
        published = live_state(page)

        response = editor.edit(page, **{"action-publish": "1"})

        assert "changed while you were looking at it (Chen saved a newer version)" in text(response)
        assert live_state(page) == published

    def test_unpublishing_twice(self, desks, people):
        editor, other, _ = desks
        page = draft_story(people.section, people.author, "Ferry timetable")
        page.get_latest_revision().publish()
        url = reverse("wagtailadmin_pages:unpublish", args=[page.pk])
        other.client.post(url)

        response = editor.client.post(url, follow=True)

        assert response.status_code == 200  # was 403
        assert "“Ferry timetable” is not live: someone unpublished it already." in text(response)

    def test_a_plain_save_is_left_to_wagtail(self, desks, story):
        """Saving a draft is no transition: Wagtail's own rules decide it (and did before)."""
        editor, other, _ = desks
        editor.open_editor(story)
        other.open_editor(story)
        other.edit(story)
        response = editor.edit(story)
        assert "changed while you were looking" not in text(response)


class TestAFailedActionIsUndoneWhole:
    def test_a_publish_that_fails_midway_changes_nothing(
        self, desks, people, django_capture_on_commit_callbacks
    ):
        editor, _, _ = desks
        page = draft_story(people.section, people.author, "Ferry timetable")
        page.get_latest_revision().publish()
        before = live_state(page)
        editor.open_editor(page)

        def fail(request, page):
            raise RuntimeError("the disk filled up")

        with (
            hooks.register_temporarily("after_publish_page", fail),
            django_capture_on_commit_callbacks() as after_commit,
        ):
            response = editor.edit(page, **{"action-publish": "1"})

        assert response.status_code == 500
        assert live_state(page) == before  # not the half-published new version
        assert after_commit == []  # no purge, no email is waiting for a commit

    def test_an_approval_that_fails_sends_no_email(
        self, desks, story, django_capture_on_commit_callbacks
    ):
        editor, _, _ = desks
        editor.open_editor(story)

        def fail(request, page):
            raise RuntimeError("the disk filled up")

        with (
            hooks.register_temporarily("after_edit_page", fail),
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = editor.approve_in_editor(story)

        assert response.status_code == 500
        assert not live_state(story)[0]
        assert story.current_workflow_task_state is not None
        assert mail.outbox == []


class TestARefusalTellsNothingToOutsiders:
    def test_someone_without_rights_gets_no_title(self, story, people, django_user_model):
        outsider = Editor(django_user_model.objects.create_user("dana", "d@example.org", "pw"))
        stale = {"loaded_revision_id": "1", "loaded_revision_created_at": "then"}
        response = outsider.client.post(
            reverse("wagtailadmin_pages:edit", args=[story.pk]),
            {**stale, "action-publish": "1"},
            follow=True,
        )
        assert "Sea wall vote" not in text(response)

    def test_anonymous_gets_the_login_page(self, client, story):
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", 1]),
            follow=True,
        )
        assert "Sea wall vote" not in response.content.decode()
        assert response.redirect_chain[0][0].startswith(reverse("wagtailadmin_login"))


def test_emails_wait_for_the_commit(story, people, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            story.current_workflow_task_state.approve(user=people.editor)
            raise RuntimeError("rolled back")
        assert mail.outbox == []  # the transition was undone: no "approved" email
        story.current_workflow_task_state.approve(user=people.editor)
    assert [m.to for m in mail.outbox if "approved" in m.subject.lower()] == [[people.author.email]]


def test_the_guard_holds_under_asgi(story, people):
    """`make run` serves the admin over ASGI: the same refusal, through the async chain."""
    from asgiref.sync import async_to_sync
    from django.test import AsyncClient

    client = AsyncClient()
    client.force_login(people.editor)
    task_state = story.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk])
    first = async_to_sync(client.post)(url, {"comment": ""})
    second = async_to_sync(client.post)(url, {"comment": ""})

    assert first.status_code == second.status_code == 302
    assert Page.objects.get(pk=story.pk).live
    messages = async_to_sync(client.get)(second.url)
    assert "“Sea wall vote” was already approved by Bruno." in text(messages)
