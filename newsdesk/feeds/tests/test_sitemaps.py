"""The sitemap index, its paged sitemaps, the Google News sitemap and robots.txt."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from newsdesk.news.tests.factories import ArticleFactory

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"sm": SITEMAP_NS, "news": NEWS_NS}


def read_xml(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)


def locations(client, url):
    return [loc.text for loc in read_xml(client.get(url)).iterfind("sm:url/sm:loc", NS)]


@pytest.mark.django_db
class TestSitemapIndex:
    def test_lists_every_sitemap_and_every_page_of_each(self, client, us_section, settings):
        settings.NEWSDESK_FEEDS_SITEMAP_PAGE_SIZE = 5
        ArticleFactory.create_batch(7, parent=us_section)  # + home, News, U.S. = 10 pages
        index = read_xml(client.get("/sitemap.xml"))
        assert [loc.text for loc in index.iterfind("sm:sitemap/sm:loc", NS)] == [
            "http://testserver/sitemap-pages.xml",
            "http://testserver/sitemap-pages.xml?p=2",
            "http://testserver/sitemap-authors.xml",
            "http://testserver/sitemap-topics.xml",
            "http://testserver/sitemap-news.xml",
        ]

    def test_the_pages_add_up_to_every_live_page(self, client, us_section, settings):
        settings.NEWSDESK_FEEDS_SITEMAP_PAGE_SIZE = 5
        stories = ArticleFactory.create_batch(7, parent=us_section)
        found = locations(client, "/sitemap-pages.xml") + locations(
            client, "/sitemap-pages.xml?p=2"
        )
        assert len(found) == len(set(found)) == 10
        assert {story.full_url for story in stories} <= set(found)

    @pytest.mark.parametrize("page", ["abc", "3", "0"])
    def test_a_page_that_does_not_exist_is_not_found(self, client, us_section, page):
        assert client.get(f"/sitemap-pages.xml?p={page}").status_code == 404

    def test_an_unknown_sitemap_is_not_found(self, client, db):
        assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.django_db
def test_pages_sitemap_gives_when_each_story_last_changed(client, story):
    sitemap = read_xml(client.get("/sitemap-pages.xml"))
    url = next(
        url
        for url in sitemap.iterfind("sm:url", NS)
        if url.findtext("sm:loc", namespaces=NS) == story.full_url
    )
    assert url.findtext("sm:lastmod", namespaces=NS) == story.last_published_at.isoformat()


@pytest.mark.django_db
def test_author_and_topic_sitemaps_list_those_with_live_stories(client, story, reporters):
    assert locations(client, "/sitemap-authors.xml") == [
        "http://localhost/authors/ana-ruiz/",
        "http://localhost/authors/tomas-berg/",
    ]
    assert sorted(locations(client, "/sitemap-topics.xml")) == [
        "http://localhost/topics/flooding/",
        "http://localhost/topics/local-government/",
    ]


@pytest.mark.django_db
class TestNewsSitemap:
    def test_lists_the_last_48_hours_newest_first(self, client, us_section):
        now = timezone.now()
        recent = ArticleFactory(
            parent=us_section, title="Tide & <time>", published_at=now - timedelta(hours=2)
        )
        older = ArticleFactory(parent=us_section, published_at=now - timedelta(hours=30))
        ArticleFactory(parent=us_section, published_at=now - timedelta(hours=49))
        urls = read_xml(client.get("/sitemap-news.xml")).findall("sm:url", NS)
        assert [url.findtext("sm:loc", namespaces=NS) for url in urls] == [
            recent.full_url,
            older.full_url,
        ]
        news = urls[0].find("news:news", NS)
        assert news.findtext("news:publication/news:name", namespaces=NS) == "The Newsdesk"
        assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
        assert news.findtext("news:title", namespaces=NS) == "Tide & <time>"
        published = news.findtext("news:publication_date", namespaces=NS)
        assert published == recent.first_published_at.isoformat()

    def test_is_valid_when_nothing_is_recent(self, client, story):
        assert read_xml(client.get("/sitemap-news.xml")).findall("sm:url", NS) == []

    def test_language_codes_are_the_ones_google_news_wants(self):
        from newsdesk.feeds.sitemaps import news_language

        assert [news_language(code) for code in ("en", "en-gb", "pt-BR", "zh-hans", "zh-hant")] == [
            "en",
            "en",
            "pt",
            "zh-cn",
            "zh-tw",
        ]


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Sitemap: http://localhost/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
