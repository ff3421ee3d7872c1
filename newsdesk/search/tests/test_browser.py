"""The search page in Debian's Chromium against a live server: searching from the header
works without JavaScript, filters narrow the results, matches are marked, nothing severe
for accessibility, and it looks like the site on a phone and a desktop.
Screenshots land in test-artifacts/search-*.png."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS_DIR = Path(__file__).resolve().parents[3] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SEVERE_IMPACTS = {"serious", "critical"}


@pytest.fixture
def newsroom(live_server, settings):
    settings.ROOT_URLCONF = "tests.browser.urls"  # serves the uploaded photos too
    news = SectionFactory(title="News", slug="news")
    opinion = SectionFactory(title="Opinion", slug="opinion")
    ana = AuthorFactory(name="Ana Ruiz", slug="ana-ruiz")
    stories = [
        (news, "Harbour council votes on the sea wall", "news", 2),
        (news, "Ferries run all night while the harbour bridge is shut", "news", 4),
        (opinion, "The harbour deserves better than a wall", "opinion", 6),
        (news, "Harbour museum reopens with the city's oldest boat", "news", 8),
    ]
    for section, title, kicker, day in stories:
        ArticleFactory(
            parent=section,
            title=title,
            kicker=kicker,
            authors=[ana],
            lead_image=PhotoFactory(file__width=800, file__height=450),
            standfirst="Two winters of flooding in the lower town have changed what the harbour means to the city.",
            published_at=datetime(2026, 3, day, 9, 0, tzinfo=UTC),
        )
    return {"news": news}


def screenshot(page, name):
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS_DIR / name, full_page=True)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_searching_from_the_header(browser, live_server, newsroom, javascript):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.get_by_role("searchbox", name="Search stories").fill("harbour")
        page.get_by_role("searchbox", name="Search stories").press("Enter")
        page.wait_for_url("**/search/?q=harbour")
        results = page.locator(".search-result")
        expect(results).to_have_count(4)
        marked = page.locator(".search-result__headline mark").first
        expect(marked).to_have_text(re.compile("^harbour$", re.IGNORECASE))
    finally:
        context.close()


def test_filters_narrow_the_results(page, live_server, newsroom):
    page.goto(live_server.url + "/search/?q=harbour")
    page.get_by_label("Type").select_option("opinion")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".search-result")).to_have_count(1)
    expect(page.locator(".search-summary")).to_have_text(
        "1 story matches “harbour” with these filters."
    )
    page.get_by_role("link", name="Clear filters").click()
    expect(page.locator(".search-result")).to_have_count(4)


@pytest.mark.parametrize(("name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_looks_like_the_site(page, live_server, newsroom, axe_source, name, viewport):
    page.set_viewport_size(viewport)
    page.goto(
        live_server.url + "/search/?q=harbour&section=" + str(newsroom["news"].pk) + "&page=abc"
    )
    expect(page.locator(".search-notices")).to_be_visible()
    expect(page.locator(".search-result").first).to_be_visible()
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.add_script_tag(content=axe_source)
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    severe = [(v["id"], v["impact"]) for v in violations if v["impact"] in SEVERE_IMPACTS]
    assert severe == []
    screenshot(page, f"search-{name}.png")
