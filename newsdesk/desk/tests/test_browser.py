"""Each role's admin in Debian's Chromium: the dashboard, the New story flow into the editor,
and a long headline shown whole. Screenshots land in test-artifacts/desk-*.png."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from newsdesk.comments.models import Comment
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS_DIR = Path(__file__).resolve().parents[3] / "test-artifacts"
HEADLINE = (
    "Harbour council votes to rebuild the sea wall after two winters of flooding in the "
    "lower town, and asks the county to pay for the rest"
)


def shot(page, name):
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS_DIR / f"desk-{name}.png", full_page=True)


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{live_server.url}/admin/")


def test_a_contributor_starts_an_opinion_piece_from_the_dashboard(
    live_server, page, contributor, us_section
):
    own = ArticleFactory(parent=us_section, title="Tide tables for the summer", live=False)
    own.owner = contributor
    own.save()
    sign_in(page, live_server, contributor)
    expect(page.locator("#desk_my_drafts-section")).to_contain_text("Tide tables")
    shot(page, "contributor-dashboard")
    page.get_by_role("link", name="New story").first.click()
    page.get_by_label("Section").select_option(label="News > U.S.")
    page.get_by_label("Opinion").check()
    shot(page, "contributor-new-story")
    page.get_by_role("button", name="Start writing").click()
    expect(page).to_have_url(
        f"{live_server.url}/admin/pages/add/news/articlepage/{us_section.pk}/?preset=1"
    )
    expect(page.locator("#id_kicker")).to_have_value("opinion")
    headline = page.locator("textarea#id_title")
    headline.fill(HEADLINE)
    page.wait_for_timeout(300)  # the box grows as the text wraps
    overflow = headline.evaluate("box => box.scrollHeight - box.clientHeight")
    assert overflow <= 1, "the whole headline is visible, with no scrolling inside the box"
    shot(page, "contributor-editor-headline")


def test_a_moderator_sees_the_comments_queue_and_no_new_story(live_server, page, moderator):
    story = ArticleFactory(title="Storm closes the coast road")
    CommentFactory(page=story, state=Comment.State.PENDING)
    sign_in(page, live_server, moderator)
    expect(page.locator("#comments-moderation-section")).to_contain_text("1 awaiting")
    expect(page.get_by_role("link", name="New story")).to_have_count(0)
    shot(page, "moderator-dashboard")


def test_an_editor_sees_the_new_story_entry_on_a_section(live_server, page, editor, news):
    sign_in(page, live_server, editor)
    shot(page, "editor-dashboard")
    page.goto(f"{live_server.url}/admin/pages/{news.pk}/")
    page.get_by_role("button", name="Actions").first.click()
    expect(page.get_by_role("link", name="New story here")).to_be_visible()
    shot(page, "editor-section")
