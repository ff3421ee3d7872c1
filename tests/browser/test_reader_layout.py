"""The demo newsroom's reader pages laid out in Chromium at a phone's width and a desktop's:
every page of newsdesk/demo/reader_pages.py is saved as a screenshot at 390 px and 1280 px
(test-artifacts/reader-pages/, gitignored: look at them) and the layout facts an art
director would check are measured from the DOM:

  nothing is wider than a phone's screen, every image shows, the footer ends the page
  and on a short page sits at the bottom of the window, the comments area fills in
  without moving what is in view (layout shift under 0.1), the share buttons cover
  nothing;
  the lead photo is in view on a phone, with nothing (share buttons) pushing it down;
  the lead photo is fetched first (fetchpriority=high) and never lazily;
  no grid of teasers is one full-width teaser after another;
  every photo's chosen file is at most twice as wide as it is shown;
  on the front page, the lead and the top stories beside it end together (no hole).
"""

import urllib.error
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from newsdesk.demo.reader_pages import READER_PAGES, reader_pages

SHOTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "reader-pages"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# The pages whose photos are checked against the boxes they fill.
PAGES = [
    "front",
    "section with subsections",
    "article",
    "opinion",
    "analysis",
    "live blog",
    "author",
    "topic",
]
# Where each kind of page has its most important photo.
LEAD_PHOTOS = {
    "front": ".front-top__lead img",
    "section with subsections": ".story-list .teaser--lead img",
    "article": ".article__lead-photo img",
    "opinion": ".article__lead-photo img",
    "analysis": ".article__lead-photo img",
    "live blog": ".article__lead-photo img",
}
# The pages that answer with something other than 200, on purpose.
STATUS = {"not found": 404}
# The pop-out player is a page of its own, without the site's header and footer.
WITHOUT_FOOTER = {"Audio Only"}
# What the comments area shows once its script has filled it in.
COMMENTS_AREAS = {
    "article with comments": "[data-comments-list] .comment",
    "article, no comments yet": "[data-comments-empty]",
}
TEASER_GRIDS = ".front-top__list, .front-section__list, .story-list, .related__list"

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def site(django_db_blocker, restore_migrated_data):
    """{page name: URL} of the demo newsroom, served live (loaded once for the module)."""
    with django_db_blocker.unblock(), override_settings(ROOT_URLCONF="tests.browser.urls"):
        restore_migrated_data()
        server = LiveServer("localhost")
        try:
            call_command("load_demo", "--force", stdout=StringIO())
            urls = {name: server.url + path for name, path in reader_pages().items()}
            for name, url in urls.items():
                warm(url, STATUS.get(name, 200))
            yield urls
        finally:
            server.stop()
            restore_migrated_data()


def warm(url, status):
    """The first view of a page fills the caches (loading the demo made the renditions)."""
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            response.read()
    except urllib.error.HTTPError as error:
        assert error.code == status, f"{url} answered {error.code}"


def open_page(page, url, viewport, status=200):
    page.set_default_timeout(30_000)  # a busy machine; the pages are made already
    page.set_viewport_size(viewport)
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == status, f"{url} answered {response.status}"


def lead_photo(page, name):
    return page.locator(LEAD_PHOTOS[name]).first


def box(locator):
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not shown"
    return found


def load_every_photo(page):
    """Lazy photos load as a reader scrolls; this loads them all, as the browser would
    choose them for their layout, so their files can be checked."""
    page.evaluate(
        """async () => {
            for (const img of document.querySelectorAll("img[loading=lazy]")) img.loading = "eager";
            await Promise.all([...document.images].map((img) => img.decode().catch(() => null)));
        }"""
    )


PHOTO_FILES = """() => [...document.querySelectorAll("main img")]
    .filter((img) => img.srcset && img.getBoundingClientRect().width > 0)
    .map((img) => {
        const sources = img.closest("picture")?.querySelector("source")?.srcset || img.srcset;
        const widths = sources.split(",").map((c) => parseInt(c.trim().split(/\\s+/)[1], 10));
        return {
            src: img.currentSrc,
            chosen: img.naturalWidth,
            shown: img.getBoundingClientRect().width,
            smallest: Math.min(...widths),
        };
    })"""

GRID_WIDTHS = """(selector) => [...document.querySelectorAll(selector)]
    .map((grid) => ({
        grid: grid.className,
        width: grid.getBoundingClientRect().width,
        teasers: [...grid.children].map((child) => child.getBoundingClientRect().width),
    }))
    .filter((grid) => grid.teasers.length > 1)"""


GEOMETRY = """() => {
    const footer = document.querySelector("footer.site-footer")?.getBoundingClientRect();
    return {
        pageWidth: document.documentElement.scrollWidth,
        pageHeight: document.documentElement.scrollHeight,
        footerBottom: footer ? footer.bottom + window.scrollY : null,
        wide: [...document.querySelectorAll("body *")]
            .filter((element) => {
                const box = element.getBoundingClientRect();
                return box.width > 0 && box.right > window.innerWidth + 1
                    && !element.closest("[data-scrolls], .section-nav__list");
            })
            .slice(0, 5)
            .map((element) => element.tagName.toLowerCase() + "." + element.className),
        brokenImages: [...document.images]
            .filter((img) => img.getBoundingClientRect().width > 0)
            .filter((img) => !img.complete || img.naturalWidth === 0)
            .map((img) => img.currentSrc || img.src),
        headings: document.querySelectorAll("h1").length,
        overlaps: overlapping(".article__meta, .article__lead-photo", ".article__tools"),
    };

    function overlapping(these, those) {
        const found = [];
        for (const one of document.querySelectorAll(these)) {
            for (const other of document.querySelectorAll(those)) {
                const a = one.getBoundingClientRect(), b = other.getBoundingClientRect();
                if (a.bottom > b.top + 1 && b.bottom > a.top + 1 && a.right > b.left && b.right > a.left) {
                    found.push(one.className + " over " + other.className);
                }
            }
        }
        return found;
    }
}"""


COUNT_LAYOUT_SHIFTS = """
    window.layoutShifted = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) window.layoutShifted += entry.value;
        }
    }).observe({ type: "layout-shift", buffered: true });
"""


def shoot(page, name, viewport):
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    file_name = name.replace(",", "").replace(" ", "-")
    page.screenshot(path=SHOTS_DIR / f"{file_name}-{viewport['width']}.png", full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("name", list(READER_PAGES))
def test_every_reader_page_is_screenshot_and_fits_the_screen(site, page, name, viewport):
    page.add_init_script(COUNT_LAYOUT_SHIFTS)
    open_page(page, site[name], viewport, STATUS.get(name, 200))
    if name in COMMENTS_AREAS:
        page.locator(COMMENTS_AREAS[name]).first.wait_for(state="visible")
        assert page.locator("#comments[aria-busy]").count() == 0
    page.wait_for_timeout(300)  # a shift is reported after the frame it happened in
    # Lighthouse's line for a good page: nothing a reader is looking at jumps.
    shifted = page.evaluate("window.layoutShifted")
    assert shifted < 0.1, f"layout shift {shifted:.3f}"
    load_every_photo(page)
    shoot(page, name, viewport)
    found = page.evaluate(GEOMETRY)

    text = page.locator("body").inner_text()
    assert "{#" not in text and "{%" not in text, "template syntax shown to readers"
    assert found["headings"] == 1, f"{found['headings']} h1 elements"
    # The section menu scrolls sideways on a phone, by design; nothing else may.
    assert found["pageWidth"] <= viewport["width"], f"wider than the screen: {found['wide']}"
    assert not found["wide"], f"sticking out of the screen: {found['wide']}"
    assert not found["brokenImages"], f"images that do not show: {found['brokenImages']}"
    assert not found["overlaps"], f"one on top of the other: {found['overlaps']}"
    assert found["pageHeight"] >= viewport["height"]
    if name in WITHOUT_FOOTER:
        assert found["footerBottom"] is None
    else:  # it ends the page, and a page shorter than the window has it at the bottom
        assert abs(found["footerBottom"] - found["pageHeight"]) <= 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("name", PAGES)
def test_photos_fit_their_boxes(site, page, name, viewport):
    open_page(page, site[name], viewport)
    load_every_photo(page)
    # A second view, as a reader's next page: the headline font is in the cache by then.
    page.reload(wait_until="load")
    load_every_photo(page)
    photos = page.evaluate(PHOTO_FILES)
    assert photos, f"{name} shows no photo with a srcset"
    oversized = [
        photo
        for photo in photos
        if photo["chosen"] > 2 * photo["shown"] and photo["chosen"] > photo["smallest"]
    ]
    assert not oversized, f"files over twice the width they are shown at: {oversized}"


@pytest.mark.parametrize("name", list(LEAD_PHOTOS))
def test_the_lead_photo_is_fetched_first_and_in_view_on_a_phone(site, page, name):
    open_page(page, site[name], PHONE)
    photo = lead_photo(page, name)
    assert photo.get_attribute("fetchpriority") == "high"
    assert photo.get_attribute("loading") != "lazy"
    top = box(photo)["y"]
    # In view: at least a fifth of the screen shows it when the page opens.
    assert top < PHONE["height"] * 0.8, f"the lead photo starts {top:.0f}px down, below the fold"
    # Nothing but the headline and its byline comes before it: not the share buttons.
    for other in page.locator(".share-links").all():
        assert box(other)["y"] > top, "share buttons above the lead photo push it down"


@pytest.mark.parametrize("name", ["front", "section with subsections"])
def test_the_lead_story_is_the_biggest_thing_on_a_phone(site, page, name):
    open_page(page, site[name], PHONE)
    photo = box(lead_photo(page, name))
    assert photo["width"] >= PHONE["width"] * 0.9
    sizes = page.evaluate(
        """() => [...document.querySelectorAll(".teaser__headline")]
            .map((h) => parseFloat(getComputedStyle(h).fontSize))"""
    )
    lead = page.evaluate(
        """() => parseFloat(getComputedStyle(document.querySelector(".teaser--lead .teaser__headline")).fontSize)"""
    )
    assert lead == max(sizes) and sizes.count(lead) == 1


@pytest.mark.parametrize("name", ["front", "section with subsections", "author", "topic"])
def test_teasers_are_not_all_full_width_photos_on_a_phone(site, page, name):
    open_page(page, site[name], PHONE)
    widths = page.evaluate(
        """() => [...document.querySelectorAll(".teaser__photo")]
            .map((photo) => photo.getBoundingClientRect().width)"""
    )
    assert len(widths) >= 2, f"{name} shows {len(widths)} photos: too few to judge the layout"
    full = [width for width in widths if width >= PHONE["width"] * 0.9]
    # The lead may run full width; the rest sit beside their headlines.
    assert len(full) <= max(1, len(widths) / 3), (
        f"{len(full)} of {len(widths)} photos are full width"
    )


@pytest.mark.parametrize("name", ["front", "section with subsections", "article", "topic"])
def test_no_grid_of_teasers_is_one_column_on_a_desktop(site, page, name):
    open_page(page, site[name], DESKTOP)
    grids = page.evaluate(GRID_WIDTHS, TEASER_GRIDS)
    # The front page's top stories are a column beside the lead, by design.
    grids = [grid for grid in grids if grid["grid"] != "front-top__list"]
    assert grids, f"{name} has no grid of teasers"
    for grid in grids:
        full = [width for width in grid["teasers"] if width >= grid["width"] * 0.9]
        assert len(full) < len(grid["teasers"]), f"every teaser of {grid['grid']} is full width"


def test_the_front_page_lead_and_top_stories_end_together_on_a_desktop(site, page):
    open_page(page, site["front"], DESKTOP)
    lead = box(page.locator(".front-top__lead .teaser__text"))
    last_top_story = box(page.locator(".front-top__list .teaser__text").last)
    hole = abs((lead["y"] + lead["height"]) - (last_top_story["y"] + last_top_story["height"]))
    assert hole < 100, f"{hole:.0f}px of nothing under the shorter column"
