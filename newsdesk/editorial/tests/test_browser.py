"""What the reviewer sees in Chromium when a colleague approved the story first."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from .desks import submitted_story

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS_DIR = Path(__file__).resolve().parents[3] / "test-artifacts"


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def test_the_second_reviewer_is_told_who_approved_it(live_server, page, people):
    story = submitted_story(people.section, people.author, "Sea wall vote")
    sign_in(page, live_server, people.editor)
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[story.pk]))

    story.current_workflow_task_state.approve(user=people.other_editor)  # Chen, meanwhile
    page.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).first.dispatch_event("click")

    expect(page.get_by_text("“Sea wall vote” was already approved by Chen.")).to_be_visible()
    assert page.url.endswith(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS_DIR / "editorial-already-approved-1280.png")
