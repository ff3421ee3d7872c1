"""Every page links its translations (hreflang, x-default) and each link answers and links
back; each edition has its own feeds and sitemaps in its language."""

import json
import re
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup

from newsdesk.news.tests.factories import ArticleFactory

from .factories import edition_home, publish_parents, translate

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def editions_with_a_pair():
    edition_home("es")
    edition_home("ar")
    story = ArticleFactory(title="Harbour wall vote")
    spanish = translate(story, "es", title="Votación del muro", slug="votacion-del-muro")
    arabic = translate(story, "ar", title="تصويت على جدار الميناء", slug="taswit")
    publish_parents(spanish)
    publish_parents(arabic)
    alone = ArticleFactory(parent=story.get_parent(), title="Only in English")
    return story, spanish, arabic, alone


def hreflangs(html):
    soup = BeautifulSoup(html, "html.parser")
    return {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_every_hreflang_answers_and_links_back(client, editions_with_a_pair):
    story, spanish, arabic, _ = editions_with_a_pair
    for page in (story, spanish, arabic, edition_home("es")):
        links = hreflangs(client.get(page.url).content)
        assert set(links) >= {"en", "es", "ar", "x-default"}, page.url
        assert path_of(links["x-default"]) == path_of(links["en"])
        for url in links.values():
            response = client.get(path_of(url))
            assert response.status_code == 200, url
            back = hreflangs(response.content)
            assert path_of(back[page.locale.language_code]) == page.url


def test_a_page_without_translations_has_no_hreflang_but_a_switcher(client, editions_with_a_pair):
    *_, alone = editions_with_a_pair
    html = client.get(alone.url).content.decode()
    assert hreflangs(html) == {}
    soup = BeautifulSoup(html, "html.parser")
    switcher = {a["hreflang"]: a["href"] for a in soup.select(".edition-switcher a")}
    # No translation: the switcher leads to the other editions' front pages.
    assert switcher["es"] == "/es/" and switcher["ar"] == "/ar/"
    assert soup.select_one(".edition-switcher a[aria-current]")["hreflang"] == "en"


def test_the_switcher_leads_to_the_same_story_in_the_other_edition(client, editions_with_a_pair):
    story, spanish, arabic, _ = editions_with_a_pair
    soup = BeautifulSoup(client.get(story.url).content, "html.parser")
    switcher = {a["hreflang"]: a["href"] for a in soup.select(".edition-switcher a")}
    assert switcher == {"en": story.url, "es": spanish.url, "ar": arabic.url}


def test_machine_readable_language_of_a_translation(client, editions_with_a_pair):
    _, spanish, _, _ = editions_with_a_pair
    soup = BeautifulSoup(client.get(spanish.url).content, "html.parser")
    assert soup.select_one('meta[property="og:locale"]')["content"] == "es_ES"
    alternates = {m["content"] for m in soup.select('meta[property="og:locale:alternate"]')}
    assert alternates == {"en_GB", "ar_AR"}
    data = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    (article,) = [d for d in data if d.get("@type") == "NewsArticle"]
    assert article["inLanguage"] == "es"


@pytest.mark.parametrize("format", ["rss", "atom", "json"])
def test_each_edition_has_its_own_feeds(client, editions_with_a_pair, format):
    story, spanish, arabic, alone = editions_with_a_pair
    for prefix, lang, titles in [
        ("", "en", {story.title, alone.title}),
        ("/es", "es", {spanish.title}),
        ("/ar", "ar", {arabic.title}),
    ]:
        response = client.get(f"{prefix}/feeds/{format}/")
        assert response.status_code == 200
        if format == "json":
            items = json.loads(response.content)["items"]
            assert {item["title"] for item in items} == titles
            continue
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert {entry.title for entry in feed.entries} == titles
        assert feed.feed.get("language", lang).startswith(lang)


def test_each_edition_has_its_sitemap_with_alternates(client, editions_with_a_pair):
    story, spanish, _, alone = editions_with_a_pair
    response = client.get("/es/sitemap-pages.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    urls = {path_of(url.find(f"{SITEMAP}loc").text): url for url in root.iter(f"{SITEMAP}url")}
    assert spanish.url in urls and story.url not in urls and alone.url not in urls
    links = {
        link.get("hreflang"): path_of(link.get("href"))
        for link in urls[spanish.url].iter(f"{XHTML}link")
    }
    assert links["en"] == story.url and links["es"] == spanish.url and "x-default" in links
    english = ElementTree.fromstring(client.get("/sitemap-pages.xml").content)
    english_locs = {path_of(u.find(f"{SITEMAP}loc").text) for u in english.iter(f"{SITEMAP}url")}
    assert story.url in english_locs and spanish.url not in english_locs


def test_news_sitemap_says_each_editions_language(client, editions_with_a_pair):
    for prefix, lang in [("", "en"), ("/es", "es"), ("/ar", "ar")]:
        xml = client.get(f"{prefix}/sitemap-news.xml").content.decode()
        assert f"<news:language>{lang}</news:language>" in xml
    robots = client.get("/robots.txt").content.decode()
    assert "/es/sitemap.xml" in robots and "/ar/sitemap-news.xml" in robots
