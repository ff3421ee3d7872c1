"""Every page names its feeds in <link rel="alternate">, the most specific first, and
every one of them answers."""

from html.parser import HTMLParser

import pytest
from wagtail.models import Site

from newsdesk.news.tests.factories import ArticleFactory

from .readers import read_feed, read_json_feed


class AlternateLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate":
            self.links.append((attrs["type"], attrs["title"], attrs["href"]))


def feed_links(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = AlternateLinks()
    parser.feed(response.content.decode())
    return parser.links


def site_feeds():
    return [
        ("application/rss+xml", "The Newsdesk (RSS)", "http://localhost/feeds/rss/"),
        ("application/atom+xml", "The Newsdesk (Atom)", "http://localhost/feeds/atom/"),
        ("application/feed+json", "The Newsdesk (JSON Feed)", "http://localhost/feeds/json/"),
    ]


def feeds_of(title, path):
    return [
        ("application/rss+xml", f"{title} (RSS)", f"http://localhost{path}rss/"),
        ("application/atom+xml", f"{title} (Atom)", f"http://localhost{path}atom/"),
        ("application/feed+json", f"{title} (JSON Feed)", f"http://localhost{path}json/"),
    ]


@pytest.mark.django_db
class TestAutodiscovery:
    def test_front_page_names_the_site_feeds(self, client, story):
        assert feed_links(client, "/") == site_feeds()

    def test_section_page_names_its_feed_first(self, client, us_section, story):
        assert feed_links(client, us_section.url) == [
            *feeds_of("U.S.", "/feeds/sections/news/us/"),
            *site_feeds(),
        ]

    def test_story_names_its_section_feed_then_the_site_feeds(self, client, story):
        assert feed_links(client, story.url) == [
            *feeds_of("U.S.", "/feeds/sections/news/us/"),
            *site_feeds(),
        ]

    def test_author_and_topic_pages_name_their_feeds(self, client, story):
        assert feed_links(client, "/authors/ana-ruiz/")[:3] == feeds_of(
            "Ana Ruiz", "/feeds/authors/ana-ruiz/"
        )
        # Titled as the topic page is ("flooding" starts with a capital).
        assert feed_links(client, "/topics/flooding/")[:3] == feeds_of(
            "Flooding", "/feeds/topics/flooding/"
        )

    def test_other_pages_name_the_site_feeds(self, client, story):
        assert feed_links(client, "/search/?q=harbour") == site_feeds()

    def test_every_linked_feed_answers(self, client, story, news):
        ArticleFactory(parent=news)
        pages = ["/", news.url, story.url, "/authors/ana-ruiz/", "/topics/flooding/"]
        links = {href for page in pages for _, _, href in feed_links(client, page)}
        assert len(links) == 15
        for href in links:
            response = client.get(href.removeprefix("http://localhost"))
            if href.endswith("/json/"):
                assert read_json_feed(response)["items"], href
            else:
                assert read_feed(response).entries, href


@pytest.fixture
def site_rooted_at_news(news):
    """A site whose root is a section (a regional edition, say)."""
    site = Site.objects.get(is_default_site=True)
    site.root_page = news
    site.save()
    yield site
    Site.clear_site_root_paths_cache()  # kept in the default cache, past the rollback


@pytest.mark.django_db
def test_a_story_in_the_section_a_site_is_rooted_at_names_the_site_feeds(
    client, site_rooted_at_news, news
):
    story = ArticleFactory(parent=news, title="Ferry timetable changes")
    assert feed_links(client, story.url) == site_feeds()
