"""Every feed, in every format, reads cleanly in a real client: feedparser for RSS and
Atom (no parse warning), the JSON Feed 1.1 rules for JSON."""

import html

import pytest

from newsdesk.news.tests.factories import ArticleFactory

from .readers import read_feed, read_json_feed

SCOPES = [
    "/feeds/{format}/",
    "/feeds/sections/news/{format}/",
    "/feeds/sections/news/us/{format}/",
    "/feeds/authors/ana-ruiz/{format}/",
    "/feeds/topics/flooding/{format}/",
]
CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}


@pytest.fixture
def awkward_story(us_section, reporters):
    """Markup-like text, ampersands and quotes, which an unescaped feed would break on."""
    page = ArticleFactory(
        parent=us_section,
        title='Q&A: "Why the <wall> costs £4m" & other questions',
        standfirst="Tides & <b>tempers</b> rise; the council's answer ]]> is due Friday.",
        authors=reporters[:1],
    )
    page.tags.add("flooding")
    page.save()
    return page


@pytest.mark.django_db
@pytest.mark.parametrize("full_text", [False, True], ids=["excerpts", "full-text"])
@pytest.mark.parametrize("scope", SCOPES)
class TestEveryFeedReadsCleanly:
    @pytest.fixture(autouse=True)
    def stories(self, newsroom, full_text, story, awkward_story):
        newsroom.feed_full_text = full_text
        newsroom.save()

    @pytest.mark.parametrize("format", ["rss", "atom"])
    def test_feedparser_reads_it_without_a_warning(self, client, scope, format):
        response = client.get(scope.format(format=format))
        assert response["Content-Type"] == CONTENT_TYPES[format]
        feed = read_feed(response)
        assert {entry.title for entry in feed.entries} == {
            "Harbour council votes on the sea wall",
            'Q&A: "Why the <wall> costs £4m" & other questions',
        }

    def test_json_feed_follows_json_feed_1_1(self, client, scope):
        document = read_json_feed(client.get(scope.format(format="json")))
        assert len(document["items"]) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["rss", "atom", "json"])
def test_text_reaches_readers_exactly_as_typed(client, awkward_story, format):
    response = client.get(f"/feeds/{format}/")
    if format == "json":
        item = read_json_feed(response)["items"][0]
        title, summary = item["title"], item["summary"]
    else:
        entry = read_feed(response).entries[0]
        title, summary = entry.title, entry.summary
    assert title == awkward_story.title
    if format == "json":
        assert summary == awkward_story.standfirst  # plain text in JSON Feed
    else:
        # RSS and Atom summaries are HTML: the markup-like text is shown, never obeyed.
        assert "&lt;b&gt;tempers&lt;/b&gt;" in summary
        assert html.unescape(summary) == awkward_story.standfirst


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/feeds/sections/nowhere/rss/",
        "/feeds/authors/nobody/atom/",
        "/feeds/topics/nothing/json/",
        "/feeds/xml/",
        "/feeds/sections/news/us/sea-wall-vote/rss/",  # a story is not a section
    ],
)
def test_feeds_of_things_that_do_not_exist_are_not_found(client, story, url):
    assert client.get(url).status_code == 404
