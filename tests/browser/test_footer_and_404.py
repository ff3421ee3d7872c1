"""The footer stays at the bottom of a short page, and the page-not-found page works on a
phone and on a desktop: Debian's Chromium against a live server.

Screenshots land in test-artifacts/ (gitignored): look at them.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from newsdesk.about.models import FooterLink, FooterSettings
from newsdesk.about.tests.factories import InfoPageFactory
from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
SEVERE_IMPACTS = {"serious", "critical"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GEOMETRY = """() => {
    const footer = document.querySelector("footer.site-footer").getBoundingClientRect();
    const main = document.querySelector("main").getBoundingClientRect();
    return {
        footerTop: footer.top, footerBottom: footer.bottom, mainBottom: main.bottom,
        viewportHeight: window.innerHeight,
        pageHeight: document.documentElement.scrollHeight,
        pageWidth: document.documentElement.scrollWidth, viewportWidth: window.innerWidth,
    };
}"""


@pytest.fixture
def short_page(db):
    SectionFactory(title="News", slug="news")
    contact = InfoPageFactory(title="Contact us", slug="contact", intro="Write to the newsdesk.")
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.links = [FooterLink(page=contact)]
    footer.save()
    return contact


def look_at(page, url, name, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(url)
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(
        path=ARTIFACTS_DIR / f"{name}-{VIEWPORTS[viewport]['width']}.png", full_page=True
    )
    return page.evaluate(GEOMETRY)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_footer_is_at_the_bottom_of_a_short_page(live_server, page, short_page, viewport):
    box = look_at(page, live_server.url + short_page.url, "footer-short-page", viewport)

    assert box["pageHeight"] == box["viewportHeight"]  # nothing to scroll
    assert abs(box["footerBottom"] - box["viewportHeight"]) <= 1
    assert box["footerTop"] >= box["mainBottom"] - 1
    assert box["pageWidth"] <= box["viewportWidth"]
    expect(page.get_by_role("navigation", name="Footer")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_contain_text("Contact us")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_footer_follows_a_long_page(live_server, page, db, viewport):
    long_page = InfoPageFactory(
        title="Ethics policy",
        slug="ethics",
        body=[("paragraph", "<p>We check what we publish with more than one source.</p>")] * 40,
    )
    box = look_at(page, live_server.url + long_page.url, "footer-long-page", viewport)

    assert box["pageHeight"] > box["viewportHeight"]
    assert box["footerTop"] >= box["mainBottom"] - 1
    assert abs(box["footerBottom"] - box["pageHeight"]) <= 1


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_page_not_found_offers_a_search_and_the_latest_stories(
    live_server, page, axe_source, db, viewport
):
    section = SectionFactory(title="News", slug="news")
    ArticleFactory(parent=section, title="Ferry returns to the islands")

    page.set_viewport_size(VIEWPORTS[viewport])
    response = page.goto(live_server.url + "/news/old-ferry-timetable/")
    assert response.status == 404
    look_at(page, live_server.url + "/news/old-ferry-timetable/", "not-found", viewport)

    search = page.get_by_role("search", name="Search the site").get_by_role("searchbox")
    expect(search).to_be_empty()
    expect(page.get_by_role("link", name="Ferry returns to the islands")).to_be_visible()
    box = page.evaluate(GEOMETRY)
    assert box["pageWidth"] <= box["viewportWidth"]

    page.add_script_tag(content=axe_source)
    results = page.evaluate("async () => await axe.run(document)")
    severe = [v["id"] for v in results["violations"] if v["impact"] in SEVERE_IMPACTS]
    assert severe == []

    search.fill("ferry")
    search.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/search/?q=ferry")
