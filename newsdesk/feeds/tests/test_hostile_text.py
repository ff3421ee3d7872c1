"""Editor text in every feed field (names, topics, a section's intro, the tagline,
headlines, standfirsts) reaches feed readers as the text typed, never as live markup,
in RSS, Atom and JSON Feed alike."""

import html

import pytest
from taggit.models import Tag

from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory, SectionFactory

from .readers import read_feed, read_json_feed

HOSTILE = 'Tom <b>& Jerry</b> <img src=x onerror="alert(1)"> <a href="javascript:alert(2)">y</a>'
TITLES = {
    "/feeds/{format}/": "The Newsdesk",
    "/feeds/sections/harbour/{format}/": f"Harbour {HOSTILE} | The Newsdesk",
    "/feeds/authors/hostile/{format}/": f"Ana {HOSTILE} | The Newsdesk",
    "/feeds/topics/hostile/{format}/": f"Topic {HOSTILE} | The Newsdesk",
}
FEEDS = list(TITLES)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def hostile_newsroom(newsroom):
    newsroom.tagline = f"Tagline {HOSTILE}"
    newsroom.save()
    section = SectionFactory(title=f"Harbour {HOSTILE}", slug="harbour", intro=f"Intro {HOSTILE}")
    author = AuthorFactory(name=f"Ana {HOSTILE}", slug="hostile")
    story = ArticleFactory(
        parent=section, title=f"Headline {HOSTILE}", standfirst=f"Standfirst {HOSTILE}"
    )
    story.bylines.create(author=author)
    story.tags.add(Tag.objects.create(name=f"Topic {HOSTILE}", slug="hostile"))
    story.save()


def shown(detail):
    """What a reader displays for a feedparser text construct."""
    if detail.type == "text/html":
        assert "<" not in detail.value, f"live markup: {detail.value!r}"
        return html.unescape(detail.value)
    return detail.value


@pytest.mark.parametrize("format", ["rss", "atom"])
@pytest.mark.parametrize("url", FEEDS)
def test_feed_readers_show_editor_text_as_typed(client, url, format):
    feed = read_feed(client.get(url.format(format=format)))
    if format == "atom":
        # Atom's titles are text constructs, read as text by every reader. RSS titles are
        # plain text by the spec and sent as such (newsboat shows them as typed), though
        # feedparser guesses HTML for one with a closing tag in it.
        assert shown(feed.feed.title_detail) == TITLES[url]
        assert shown(feed.entries[0].title_detail) == f"Headline {HOSTILE}"
    else:
        assert HOSTILE in shown(feed.feed.subtitle_detail)  # the channel description
    (entry,) = feed.entries
    assert shown(entry.summary_detail) == f"Standfirst {HOSTILE}"


def test_the_rss_channel_describes_each_scope_in_plain_text(client):
    descriptions = {
        url: shown(read_feed(client.get(url.format(format="rss"))).feed.subtitle_detail)
        for url in FEEDS
    }
    assert descriptions == {
        "/feeds/{format}/": f"Tagline {HOSTILE}",
        "/feeds/sections/harbour/{format}/": f"Intro {HOSTILE}",
        "/feeds/authors/hostile/{format}/": f"Stories by Ana {HOSTILE}, The Newsdesk.",
        "/feeds/topics/hostile/{format}/": f"Stories about Topic {HOSTILE} from The Newsdesk.",
    }


@pytest.mark.parametrize("url", FEEDS)
def test_json_feed_carries_editor_text_as_plain_text(client, url):
    document = read_json_feed(client.get(url.format(format="json")))
    assert document["title"] == TITLES[url]
    assert HOSTILE in document["description"]
    (item,) = document["items"]
    assert (item["title"], item["summary"]) == (f"Headline {HOSTILE}", f"Standfirst {HOSTILE}")
    assert item["content_text"] == f"Standfirst {HOSTILE}"
