"""What feeds say about each story: dates, byline, categories, photo, GUID, full text."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

from .conftest import PUBLISHED
from .readers import read_feed, read_json_feed


def entry_for(client, url, story):
    feed = read_feed(client.get(url))
    return next(entry for entry in feed.entries if entry.title == story.title)


def as_utc(struct):
    return datetime(*struct[:6], tzinfo=UTC)


@pytest.mark.django_db
class TestEachStory:
    def test_rss_names_dates_byline_and_categories(self, client, story):
        entry = entry_for(client, "/feeds/rss/", story)
        assert entry.link == story.full_url
        assert as_utc(entry.published_parsed) == PUBLISHED
        assert [author.name for author in entry.authors] == ["Ana Ruiz", "Tomás Berg"]
        assert {tag.term for tag in entry.tags} == {"U.S.", "flooding", "local government"}
        assert entry.summary == story.standfirst

    @pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
    def test_the_editorial_label_is_a_category_before_the_section(self, client, story, url):
        ArticlePage.objects.filter(pk=story.pk).update(kicker="analysis")
        entry = entry_for(client, url, story)
        assert [tag.term for tag in entry.tags] == [
            "Analysis",
            "U.S.",
            "flooding",
            "local government",
        ]

    def test_json_feed_tags_carry_the_label_section_and_topics(self, client, story):
        ArticlePage.objects.filter(pk=story.pk).update(kicker="exclusive")
        (item,) = read_json_feed(client.get("/feeds/json/"))["items"]
        assert item["tags"] == ["Exclusive", "U.S.", "flooding", "local government"]

    def test_plain_news_has_no_label_category(self, client, story):
        (item,) = read_json_feed(client.get("/feeds/json/"))["items"]
        assert "News" not in item["tags"]
        assert item["tags"][0] == "U.S."

    def test_an_opinion_piece_in_opinion_is_categorised_opinion_once(
        self, client, opinion, reporters
    ):
        column = ArticleFactory(parent=opinion, kicker="opinion", authors=reporters)
        entry = entry_for(client, "/feeds/rss/", column)
        assert [tag.term for tag in entry.tags] == ["Opinion"]

    def test_atom_links_each_author_to_their_page(self, client, story):
        entry = entry_for(client, "/feeds/atom/", story)
        assert [(author.name, author.href) for author in entry.authors] == [
            ("Ana Ruiz", "http://localhost/authors/ana-ruiz/"),
            ("Tomás Berg", "http://localhost/authors/tomas-berg/"),
        ]
        assert as_utc(entry.published_parsed) == PUBLISHED
        assert as_utc(entry.updated_parsed) == PUBLISHED

    def test_an_update_moves_the_updated_date_not_the_published_one(self, client, story):
        later = PUBLISHED + timedelta(hours=5)
        ArticlePage.objects.filter(pk=story.pk).update(last_published_at=later)
        entry = entry_for(client, "/feeds/atom/", story)
        assert as_utc(entry.published_parsed) == PUBLISHED
        assert as_utc(entry.updated_parsed) == later
        item = read_json_feed(client.get("/feeds/json/"))["items"][0]
        assert datetime.fromisoformat(item["date_modified"]) == later

    def test_the_lead_photo_travels_as_enclosure_and_media_content(self, client, story):
        entry = entry_for(client, "/feeds/rss/", story)
        (enclosure,) = entry.enclosures
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) > 0
        assert enclosure.href.startswith("http://localhost/media/images/")
        (media,) = entry.media_content
        assert media["url"] == enclosure.href and media["medium"] == "image"
        rendition = story.lead_image.get_rendition("fill-1200x675|format-jpeg")
        assert enclosure.href == f"http://localhost{rendition.url}"
        assert int(enclosure.length) == rendition.file.size

    def test_json_feed_gives_the_photo_and_the_byline(self, client, story):
        (item,) = read_json_feed(client.get("/feeds/json/"))["items"]
        assert item["image"].startswith("http://localhost/media/images/")
        assert item["authors"] == [
            {"name": "Ana Ruiz", "url": "http://localhost/authors/ana-ruiz/"},
            {"name": "Tomás Berg", "url": "http://localhost/authors/tomas-berg/"},
        ]
        assert item["content_text"] == story.standfirst

    def test_newest_first_and_no_more_than_the_setting(self, client, us_section, settings):
        settings.NEWSDESK_FEEDS_ITEMS = 3
        now = timezone.now()
        for hours in (5, 1, 3, 2, 4):
            ArticleFactory(
                parent=us_section,
                title=f"{hours} hours ago",
                published_at=now - timedelta(hours=hours),
            )
        feed = read_feed(client.get("/feeds/rss/"))
        assert [entry.title for entry in feed.entries] == [
            "1 hours ago",
            "2 hours ago",
            "3 hours ago",
        ]


@pytest.mark.django_db
class TestGuid:
    def test_is_a_tag_uri_of_the_story_id(self, client, story, settings):
        settings.NEWSDESK_FEEDS_TAG_AUTHORITY = "news.example.org,2026"
        entry = entry_for(client, "/feeds/rss/", story)
        assert entry.id == f"tag:news.example.org,2026:article-{story.pk}"
        assert entry.guidislink is False

    @pytest.mark.parametrize("format", ["rss", "atom", "json"])
    def test_never_changes_when_the_story_is_edited(self, client, story, format):
        def guid_and_link():
            response = client.get(f"/feeds/{format}/")
            if format == "json":
                item = read_json_feed(response)["items"][0]
                return item["id"], item["url"]
            entry = read_feed(response).entries[0]
            return entry.id, entry.link

        guid, link = guid_and_link()
        story.title = "Sea wall vote delayed by a week"
        story.slug = "sea-wall-vote-delayed"
        story.save_revision().publish()
        new_guid, new_link = guid_and_link()
        assert new_guid == guid
        assert new_link != link and new_link.endswith("/sea-wall-vote-delayed/")


@pytest.mark.django_db
class TestFullTextSetting:
    def test_excerpts_by_default(self, client, story):
        entry = entry_for(client, "/feeds/rss/", story)
        assert "content" not in entry
        assert entry.summary == story.standfirst

    @pytest.mark.parametrize("format", ["rss", "atom"])
    def test_full_text_when_the_newsroom_says_so(self, client, story, newsroom, format):
        newsroom.feed_full_text = True
        newsroom.save()
        entry = entry_for(client, f"/feeds/{format}/", story)
        (content,) = entry.content
        assert "The council met on Tuesday evening." in content.value
        assert "We cannot wait for a third winter." in content.value
        assert 'src="http://localhost/media/images/' in content.value
        assert entry.summary == story.standfirst  # the summary stays an excerpt

    def test_json_feed_full_text(self, client, story, newsroom):
        newsroom.feed_full_text = True
        newsroom.save()
        (item,) = read_json_feed(client.get("/feeds/json/"))["items"]
        assert "The council met on Tuesday evening." in item["content_html"]
        assert item["summary"] == story.standfirst

    def test_links_inside_the_story_point_at_the_site(self, client, story, us_section, newsroom):
        newsroom.feed_full_text = True
        newsroom.save()
        earlier = ArticleFactory(parent=us_section, title="Earlier: the flood of 2024")
        story.body = [
            ("paragraph", '<p>See <a href="/news/us/">the U.S. desk</a>.</p>'),
            ("related", {"label": "Related", "story": earlier}),
        ]
        story.save_revision().publish()
        content = entry_for(client, "/feeds/rss/", story).content[0].value
        assert 'href="http://localhost/news/us/"' in content
        assert f'href="http://localhost{earlier.url}"' in content


@pytest.mark.django_db
class TestScopes:
    def test_a_section_feed_includes_its_subsections(self, client, news, us_section, story):
        ArticleFactory(parent=news, title="Straight in News")
        elsewhere = SectionFactory(title="Sport", slug="sport")
        ArticleFactory(parent=elsewhere, title="In Sport")
        titles = {
            entry.title for entry in read_feed(client.get("/feeds/sections/news/rss/")).entries
        }
        assert titles == {"Straight in News", story.title}

    def test_author_and_topic_feeds_hold_only_theirs(self, client, us_section, story):
        ArticleFactory(parent=us_section, title="Someone else's story")
        for url in ("/feeds/authors/tomas-berg/rss/", "/feeds/topics/local-government/rss/"):
            titles = [entry.title for entry in read_feed(client.get(url)).entries]
            assert titles == [story.title], url

    def test_feed_titles_name_what_they_cover(self, client, story):
        titles = {
            url: read_feed(client.get(url)).feed.title
            for url in (
                "/feeds/rss/",
                "/feeds/sections/news/us/rss/",
                "/feeds/authors/ana-ruiz/rss/",
                "/feeds/topics/flooding/rss/",
            )
        }
        assert titles == {
            "/feeds/rss/": "The Newsdesk",
            "/feeds/sections/news/us/rss/": "U.S. | The Newsdesk",
            "/feeds/authors/ana-ruiz/rss/": "Ana Ruiz | The Newsdesk",
            "/feeds/topics/flooding/rss/": "flooding | The Newsdesk",
        }


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["rss", "atom", "json"])
def test_feed_queries_do_not_grow_with_its_stories(client, us_section, reporters, newsroom, format):
    newsroom.feed_full_text = True
    newsroom.save()

    def count_queries():
        url = f"/feeds/{format}/"
        client.get(url)  # the first request fills the caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add_stories(count):
        for _ in range(count):
            page = ArticleFactory(parent=us_section, authors=reporters)
            page.tags.add("flooding", "tides")
            page.save()

    add_stories(2)
    few = count_queries()
    add_stories(6)
    assert count_queries() == few
    assert len(json.loads(client.get("/feeds/json/").content)["items"]) == 8


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["rss", "atom"])
def test_the_newsrooms_logo_is_the_feeds_image(client, story, newsroom, format):
    from newsdesk.multimedia.renditions.making import make_renditions
    from newsdesk.multimedia.tests.factories import PhotoFactory

    newsroom.logo = PhotoFactory(title="Logo")
    newsroom.save()
    make_renditions(newsroom.logo)  # the worker, once the photo is the logo
    feed = read_feed(client.get(f"/feeds/{format}/")).feed
    logo = feed.image.href if format == "rss" else feed.logo
    assert logo.startswith("http://localhost/media/images/")
