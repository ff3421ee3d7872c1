"""The social card tags and share links as Debian's Chromium reads them from a rendered
story, served by a live server; the card's photo loads at 1200x630."""

from urllib.parse import parse_qs, urlsplit

import pytest
from wagtail.models import Site

from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

READ_TAGS = """() => Object.fromEntries(
    [...document.head.querySelectorAll('meta[property], meta[name]')].map(
        (meta) => [meta.getAttribute('property') || meta.getAttribute('name'), meta.content]
    )
)"""


@pytest.fixture
def served_story(live_server, settings):
    settings.ROOT_URLCONF = "tests.browser.urls"  # serves the uploaded photos too
    port = int(urlsplit(live_server.url).port)
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=port)
    section = SectionFactory(title="News", slug="news")
    return ArticleFactory(
        parent=section,
        title="Harbour council votes on the sea wall",
        lead_image=PhotoFactory(file__width=1600, file__height=1000),
        authors=[AuthorFactory(name="Ana Ruiz", slug="ana-ruiz", x_handle="anaruiz")],
    )


def test_chromium_reads_the_card_and_loads_its_photo(live_server, page, served_story):
    page.goto(live_server.url + served_story.url)
    tags = page.evaluate(READ_TAGS)
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")

    assert tags["og:title"] == served_story.title
    assert tags["og:url"] == canonical == live_server.url + served_story.url
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:creator"] == "@anaruiz"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")

    size = page.evaluate(
        """(url) => new Promise((resolve, reject) => {
            const image = new Image();
            image.onload = () => resolve([image.naturalWidth, image.naturalHeight]);
            image.onerror = () => reject(new Error('the card photo did not load'));
            image.src = url;
        })""",
        tags["og:image"],
    )
    assert size == [1200, 630]


def test_share_links_carry_the_canonical_url(live_server, page, served_story):
    page.goto(live_server.url + served_story.url)
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    links = page.locator(".share-links a").evaluate_all("(links) => links.map((a) => a.href)")
    assert links[-1] == canonical  # "Copy link"
    shared = {}
    for href in links[:-1]:
        parts = urlsplit(href)
        shared[parts.netloc or parts.scheme] = " ".join(
            value for values in parse_qs(parts.query).values() for value in values
        )
    assert set(shared) == {"www.facebook.com", "twitter.com", "wa.me", "t.me", "mailto"}
    assert all(canonical in text for text in shared.values()), shared
    assert served_story.title in shared["twitter.com"]
    # Plain links: no script from another site runs before a reader clicks.
    scripts = page.locator("script[src]").evaluate_all("(s) => s.map((e) => e.src)")
    assert all(src.startswith(live_server.url) for src in scripts), scripts
