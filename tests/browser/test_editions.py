"""The Arabic edition right to left in Chromium, with axe; the reader's edition choice
remembered by the switcher and honoured by the home URL's script. Screenshots of the
Arabic front page and story land in test-artifacts/."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from newsdesk.editions.conf import edition
from newsdesk.editions.tests.factories import edition_home, translate
from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
SEVERE_IMPACTS = {"serious", "critical"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def editions(db):
    edition_home("es")
    arabic_home = translate(edition_home("ar"), "ar", title="الصفحة الأولى")
    section = SectionFactory(title="News", slug="news")
    translate(section, "ar", title="أخبار", slug="akhbar", show_in_menus=True)
    translate(section, "es", title="Noticias", slug="noticias", show_in_menus=True)
    story = ArticleFactory(parent=section, title="Harbour Bridge closes after a cable check")
    story.save_revision().publish()
    arabic = translate(
        story,
        "ar",
        title="إغلاق جسر الميناء بعد فحص الكابلات",
        slug="ighlaq-jisr",
        standfirst="سيبقى الجسر مغلقًا ثلاثة أسابيع على الأقل.",
    )
    spanish = translate(story, "es", title="El puente del puerto se cierra", slug="puente")
    return {"home": arabic_home, "story": story, "arabic": arabic, "spanish": spanish}


def severe_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    results = page.evaluate("async () => await axe.run(document)")
    return [
        (v["id"], v["nodes"][0]["target"])
        for v in results["violations"]
        if v["impact"] in SEVERE_IMPACTS
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_arabic_edition_reads_right_to_left(live_server, page, axe_source, editions, width):
    page.set_viewport_size({"width": width, "height": 900})
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    for name, url in [("front", "/ar/"), ("article", editions["arabic"].url)]:
        page.goto(live_server.url + url)
        page.screenshot(path=ARTIFACTS_DIR / f"editions-ar-{name}-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
            "the page scrolls sideways"
        )
        assert severe_violations(page, axe_source) == [], url
    headline = page.locator("h1").bounding_box()
    # Right to left: the headline starts at the right edge of the column.
    assert headline["x"] + headline["width"] > width / 2
    expect(page.locator(".edition-switcher a[aria-current]")).to_have_text(edition("ar").name)


def test_the_switcher_remembers_the_edition_for_the_home_url(live_server, page, editions):
    # hreflang links are absolute, on the Site's address: the live server's here.
    Site.objects.filter(is_default_site=True).update(port=urlsplit(live_server.url).port)
    Site.clear_site_root_paths_cache()
    page.goto(live_server.url + editions["story"].url)
    page.locator('.edition-switcher a[hreflang="es"]').click()
    expect(page).to_have_url(live_server.url + editions["spanish"].url)
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/es/")
    # A URL of an edition is never redirected: only the home URL honours the choice.
    page.goto(live_server.url + editions["story"].url)
    expect(page).to_have_url(live_server.url + editions["story"].url)
    page.locator('.edition-switcher a[hreflang="en"]').click()
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/")
