"""A demo article as a reader's browser shows it: Debian's Chromium against a live server.

The checks rely on semantic markup only, so the templates can change freely around it:
  article h1                     the headline
  nav[aria-label="Breadcrumb"]   the section trail, naming every section above the story
  figure figcaption              the lead photo's caption (the credit may sit inside it)
  time[datetime]                 the publication date, machine-readable
Screenshots land in test-artifacts/ (gitignored).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from newsdesk.news.models import ArticlePage, SectionPage

ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SEVERE_IMPACTS = {"serious", "critical"}

# django_db makes pytest-django create the test database; the story fixture fills it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@dataclass(frozen=True)
class Story:
    url: str
    title: str
    sections: list[str]
    caption: str
    credit: str
    published_at: datetime


@pytest.fixture(scope="module")
def story(django_db_blocker, restore_migrated_data):
    """The newest demo story whose lead photo has a caption and a credit, served live.

    The demo takes seconds to load, so it is loaded once for this module. pytest-django's
    `live_server` fixture would flush the database after every test, so this module runs
    its own server, and leaves the database as the migrations left it.
    """
    with django_db_blocker.unblock(), override_settings(ROOT_URLCONF="tests.browser.urls"):
        restore_migrated_data()
        server = LiveServer("localhost")
        try:
            call_command("load_demo", "--force", stdout=StringIO())
            yield find_story(server.url)
        finally:
            server.stop()
            restore_migrated_data()


def find_story(base_url):
    stories = (
        ArticlePage.objects.live()
        .filter(lead_image__isnull=False)
        .exclude(lead_image__credit="")
        .select_related("lead_image")
        .order_by("-first_published_at")
    )
    article = next((article for article in stories if article.caption), None)
    assert article is not None, "The demo has no story with a captioned, credited lead photo"
    sections = SectionPage.objects.ancestor_of(article).live().order_by("depth")
    return Story(
        url=base_url + article.url,
        title=article.title,
        sections=[section.title for section in sections],
        caption=article.caption,
        credit=article.lead_image.credit,
        published_at=article.first_published_at,
    )


def open_story(page, story, viewport=DESKTOP):
    page.set_viewport_size(viewport)
    response = page.goto(story.url, wait_until="load")
    assert response is not None and response.ok, f"{story.url} answered {response.status}"


def screenshot(page, name):
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS_DIR / name, full_page=True)


def assert_same_moment(value, published_at):
    """A <time datetime> names the publication moment, or at least its day."""
    try:
        when = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        pytest.fail(f"<time datetime={value!r}> is not ISO 8601")
    if len(value) <= len("2025-01-31"):
        assert when.date() == published_at.date(), f"{value} is not {published_at:%Y-%m-%d}"
    else:
        assert when.tzinfo is not None, f"<time datetime={value!r}> has no time zone"
        assert abs(when - published_at) < timedelta(minutes=1), f"{value} is not {published_at}"


def test_article_shows_trail_photo_credit_and_date(story, page):
    open_story(page, story)

    expect(page.locator("article h1")).to_have_text(story.title)

    trail = page.locator('nav[aria-label="Breadcrumb"]')
    expect(trail).to_be_visible()
    assert story.sections, "the demo story is expected to sit in a section"
    for section in story.sections:
        expect(trail).to_contain_text(section)

    expect(page.locator("figure figcaption").filter(has_text=story.caption).first).to_be_visible()
    expect(page.get_by_text(story.credit, exact=False).first).to_be_visible()

    published = page.locator("time[datetime]").first
    expect(published).to_be_visible()
    assert_same_moment(published.get_attribute("datetime"), story.published_at)

    screenshot(page, f"article-{DESKTOP['width']}.png")
    page.set_viewport_size(PHONE)
    screenshot(page, f"article-{PHONE['width']}.png")


def test_article_fits_a_phone_screen(story, page):
    open_story(page, story, viewport=PHONE)
    overflow = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll("body *")]
                .filter((el) => el.getBoundingClientRect().right > width + 1)
                .slice(0, 5)
                .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
            return {scroll: document.documentElement.scrollWidth - width, wide};
        }"""
    )
    assert overflow["scroll"] <= 0, (
        f"At {PHONE['width']}px the page scrolls sideways by {overflow['scroll']}px; "
        f"elements past the right edge: {overflow['wide']}"
    )


def test_article_has_no_serious_accessibility_violations(story, page, axe_source):
    severe = []
    for viewport in (DESKTOP, PHONE):
        open_story(page, story, viewport=viewport)
        page.add_script_tag(content=axe_source)
        results = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        for violation in results["violations"]:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
            line = (
                f"{viewport['width']}px {violation['impact']}: {violation['id']} - "
                f"{violation['help']} ({len(targets)}x: {', '.join(targets[:3])})"
            )
            print(line)
            if violation["impact"] in SEVERE_IMPACTS:
                severe.append(line)
    assert not severe, "axe found serious or critical violations:\n" + "\n".join(severe)
