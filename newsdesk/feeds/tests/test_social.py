"""OpenGraph and X card tags: what a shared link shows, with the lead photo at the size
the networks show without cropping (1200x630)."""

import re

import pytest

from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.tests.factories import ArticleFactory

from .readers import structured_data


def meta_tags(html):
    """(attribute name, key) -> [content, ...] for every <meta> with a property or name."""
    tags = {}
    pattern = r'<meta (property|name)="([^"]+)" content="([^"]*)">'
    for _attribute, key, content in re.findall(pattern, html):
        tags.setdefault(key, []).append(content)
    return tags


@pytest.fixture
def big_photo(db):
    return PhotoFactory(
        file__width=1600, file__height=1000, description="The sea wall at low tide", renditions=True
    )


@pytest.mark.django_db
class TestArticleCard:
    @pytest.fixture
    def tags(self, client, story, big_photo, newsroom):
        newsroom.x_handle = "thenewsdesk"
        newsroom.save()
        story.lead_image = big_photo
        story.save_revision().publish()
        return meta_tags(client.get(story.url).content.decode())

    def test_opengraph_names_the_story(self, tags, story):
        assert tags["og:type"] == ["article"]
        assert tags["og:title"] == [story.title]
        assert tags["og:description"] == [story.standfirst]
        assert tags["og:url"] == [story.full_url]
        assert tags["og:site_name"] == ["The Newsdesk"]

    def test_the_photo_is_1200_by_630(self, tags, story, big_photo):
        rendition = big_photo.get_rendition("fill-1200x630|format-jpeg")
        assert (rendition.width, rendition.height) == (1200, 630)
        assert tags["og:image"] == [f"http://localhost{rendition.url}"]
        assert tags["og:image:width"] == ["1200"] and tags["og:image:height"] == ["630"]
        assert tags["og:image:type"] == ["image/jpeg"]
        assert tags["og:image:alt"] == ["The sea wall at low tide"]
        assert tags["twitter:image"] == tags["og:image"]

    def test_x_gets_a_large_card_crediting_the_newsroom_and_the_author(self, tags):
        assert tags["twitter:card"] == ["summary_large_image"]
        assert tags["twitter:site"] == ["@thenewsdesk"]
        assert tags["twitter:creator"] == ["@anaruiz"]

    def test_article_tags_give_dates_section_authors_and_topics(self, tags, story):
        assert tags["article:published_time"] == [story.first_published_at.isoformat()]
        assert tags["article:section"] == ["U.S."]
        assert tags["article:author"] == [
            "http://localhost/authors/ana-ruiz/",
            "http://localhost/authors/tomas-berg/",
        ]
        assert sorted(tags["article:tag"]) == ["flooding", "local government"]

    def test_a_crawler_reads_the_same(self, client, story, tags):
        html = client.get(story.url).content.decode()
        (opengraph,) = structured_data(html, story.full_url)["opengraph"]
        assert opengraph["og:title"] == story.title
        assert opengraph["og:image"] == tags["og:image"][0]


@pytest.mark.django_db
def test_a_story_without_a_photo_gets_a_small_card(client, us_section):
    story = ArticleFactory(parent=us_section, lead_image=None)
    tags = meta_tags(client.get(story.url).content.decode())
    assert tags["twitter:card"] == ["summary"]
    assert "og:image" not in tags


@pytest.mark.django_db
def test_listings_are_shared_as_websites(client, us_section, story):
    tags = meta_tags(client.get(us_section.url + "?page=1&utm_source=x").content.decode())
    assert tags["og:type"] == ["website"]
    assert tags["og:title"] == ["U.S."]
    assert tags["og:url"] == [us_section.full_url]
