"""Every reader page's <title>, meta description and og:title: the site's name once, a
description saying what the page is, topics titled as names are written, and a share
image for the front page."""

import html
import re

import pytest
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Site

from newsdesk.comments.notifications import unsubscribe_token
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.feeds.head import document_title, topic_title
from newsdesk.live.tests.factories import LiveBlogFactory, LiveChannelFactory
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory, site_home

SITE = "The Newsdesk"


def titles(html_text):
    return [html.unescape(text) for text in re.findall(r"<title>(.*?)</title>", html_text, re.S)]


def meta(html_text, attribute, key):
    pattern = rf'<meta {attribute}="{re.escape(key)}" content="([^"]*)">'
    return [html.unescape(content) for content in re.findall(pattern, html_text)]


def descriptions(html_text):
    return meta(html_text, "name", "description")


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return response.content.decode()


@pytest.fixture
def every_page(us_section, reporters):
    """{name: (url, status)} of each kind of reader page, built with factories."""
    story = ArticleFactory(parent=us_section, authors=reporters)
    story.tags.add("local government")
    story.save_revision().publish()
    opinion = ArticleFactory(
        parent=us_section, kicker=ArticlePage.Kicker.OPINION, standfirst="Build it higher."
    )
    blog = LiveBlogFactory(parent=us_section, standfirst="The storm, as it happens.")
    channel = LiveChannelFactory(name="Harbour TV")
    comment = CommentFactory(page=story)
    return {
        "front": ("/", 200),
        "section": (us_section.get_parent().url, 200),
        "subsection": (us_section.url, 200),
        "article": (story.url, 200),
        "opinion": (opinion.url, 200),
        "live blog": (blog.url, 200),
        "author": (reporters[0].get_absolute_url(), 200),
        "topic": (reverse("news:topic", args=["local-government"]), 200),
        "search": (reverse("search:search") + "?q=harbour", 200),
        "live index": (reverse("live:index"), 200),
        "live channel": (channel.get_absolute_url(), 200),
        "Audio Only": (channel.listen_url, 200),
        "comments": (reverse("comments:thread", args=[story.pk]), 200),
        "unsubscribe": (reverse("comments:unsubscribe", args=[unsubscribe_token(comment)]), 200),
        "not found": ("/no-such-page/", 404),
    }


@pytest.fixture
def rendered(client, every_page):
    """{name: the page's HTML}, each page fetched once."""
    return {name: get(client, url, status) for name, (url, status) in every_page.items()}


@pytest.mark.django_db
def test_every_page_names_the_site_once_in_its_title(rendered):
    for name, page_html in rendered.items():
        found = titles(page_html)
        assert len(found) == 1, f"{name}: {found}"
        assert found[0].count(SITE) == 1, f"{name}: {found[0]!r}"
        assert found[0].strip() == found[0] and "  " not in found[0], f"{name}: {found[0]!r}"
        for og_title in meta(page_html, "property", "og:title"):
            if name == "front":
                assert og_title == SITE
            else:
                assert found[0] == f"{og_title} | {SITE}", f"{name}: og:title {og_title!r}"


@pytest.mark.django_db
def test_every_page_says_what_it_is_in_one_description(rendered):
    said = {}
    for name, page_html in rendered.items():
        found = descriptions(page_html)
        assert len(found) == 1, f"{name}: {found}"
        assert found[0] and found[0] == " ".join(found[0].split()), f"{name}: {found[0]!r}"
        said[name] = found[0]
    assert said["article"] == ArticleFactory.standfirst
    assert said["author"].startswith("Stories by Ana Ruiz, Correspondent,")
    assert said["topic"] == f"Stories about local government from {SITE}."
    assert said["live channel"].startswith("Watch Harbour TV live")
    assert said["Audio Only"].startswith("Listen to Harbour TV")
    assert said["front"] == f"{SITE}: News."
    assert said["subsection"] == f"The latest U.S. stories from {SITE}."
    assert len(set(said.values())) == len(said), "two kinds of page describe themselves alike"


@pytest.mark.django_db
class TestDescriptionSources:
    def test_the_editors_search_description_comes_first(self, client, us_section):
        story = ArticleFactory(parent=us_section, search_description="What the vote means.")
        page_html = get(client, story.url)
        assert descriptions(page_html) == ["What the vote means."]
        assert meta(page_html, "property", "og:description") == ["What the vote means."]

    def test_a_section_is_described_by_its_intro(self, client, us_section):
        us_section.intro = "Reporting from\nacross the country."
        us_section.save_revision().publish()
        assert descriptions(get(client, us_section.url)) == ["Reporting from across the country."]

    def test_the_front_page_by_the_newsrooms_tagline(self, client, news, newsroom):
        newsroom.tagline = "Bellhaven's news, every day"
        newsroom.save()
        assert descriptions(get(client, "/")) == ["Bellhaven's news, every day"]

    def test_the_front_page_without_a_tagline_by_its_sections(self, client, news, opinion):
        assert descriptions(get(client, "/")) == [f"{SITE}: News and Opinion."]

    def test_an_author_by_their_bio(self, client, us_section):
        author = AuthorFactory(name="Ana Ruiz", bio="Ana covers the harbour.")
        ArticleFactory(parent=us_section, authors=[author])  # only bylined authors have a page
        assert descriptions(get(client, author.get_absolute_url())) == ["Ana covers the harbour."]

    def test_text_an_editor_typed_is_escaped(self, client, us_section):
        story = ArticleFactory(parent=us_section, standfirst='Quotes " and <b>tags</b> & more')
        page_html = get(client, story.url)
        assert "<b>tags</b>" not in page_html.split("</head>")[0]
        assert descriptions(page_html) == ['Quotes " and <b>tags</b> & more']


@pytest.mark.django_db
class TestFrontPageShareImage:
    def test_the_lead_storys_photo_at_social_size(self, client, us_section):
        photo = PhotoFactory(
            file__width=1600, file__height=1000, description="The harbour", renditions=True
        )
        home = site_home()
        home.lead_story = ArticleFactory(parent=us_section, lead_image=photo)
        home.save_revision().publish()
        page_html = get(client, "/")
        rendition = photo.get_rendition("fill-1200x630|format-jpeg")
        assert meta(page_html, "property", "og:image") == [f"http://localhost{rendition.url}"]
        assert meta(page_html, "property", "og:image:width") == ["1200"]
        assert meta(page_html, "name", "twitter:card") == ["summary_large_image"]

    def test_the_newsrooms_logo_when_the_lead_has_no_photo(self, client, us_section, newsroom):
        ArticleFactory(parent=us_section, lead_image=None)
        newsroom.logo = PhotoFactory(file__width=800, file__height=800, renditions=True)
        newsroom.save()
        (image,) = meta(get(client, "/"), "property", "og:image")
        assert "fill-1200x630" in image

    def test_no_image_and_a_small_card_without_either(self, client, us_section):
        ArticleFactory(parent=us_section, lead_image=None)
        page_html = get(client, "/")
        assert meta(page_html, "property", "og:image") == []
        assert meta(page_html, "name", "twitter:card") == ["summary"]


@pytest.mark.django_db
def test_topic_pages_are_titled_with_a_capital(client, us_section):
    story = ArticleFactory(parent=us_section)
    story.tags.add("local government")
    story.save_revision().publish()
    page_html = get(client, reverse("news:topic", args=["local-government"]))
    assert titles(page_html) == [f"Local government | {SITE}"]
    assert meta(page_html, "property", "og:title") == ["Local government"]
    assert re.search(r"<h1[^>]*>Local government</h1>", page_html)
    feed_titles = re.findall(r'<link rel="alternate" [^>]*title="([^"]*)"', page_html)
    assert "Local government (RSS)" in feed_titles


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("local government", "Local government"),
        ("Bellhaven", "Bellhaven"),
        ("U.S. elections", "U.S. elections"),
        ("iPhone apps", "iPhone apps"),
        ("eBay", "eBay"),
        ("économie", "Économie"),
    ],
)
def test_topic_title(name, title):
    assert topic_title(Tag(name=name)) == title


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("News", "News | The Newsdesk"),
        ("", "The Newsdesk"),
        ("  \n ", "The Newsdesk"),
        ("The Newsdesk", "The Newsdesk"),
        ("the newsdesk", "The Newsdesk"),
        ("Sea wall vote | The Newsdesk", "Sea wall vote | The Newsdesk"),
        ("The Newsdesk: Sea wall vote", "The Newsdesk: Sea wall vote"),
        ("\n  Sea wall\n  vote ", "Sea wall vote | The Newsdesk"),
        ("Ports &amp; harbours", "Ports &amp; harbours | The Newsdesk"),
    ],
)
def test_document_title(title, expected):
    assert document_title(title, SITE) == expected


def test_document_title_escapes_the_site_name():
    assert document_title("News", "Ports & <Harbours>") == "News | Ports &amp; &lt;Harbours&gt;"


@pytest.mark.django_db
def test_a_site_name_with_markup_is_escaped_once_in_every_title(client, us_section):
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Ports & Harbours"
    site.save()
    story = ArticleFactory(parent=us_section, title="Tides <rise> & fall")
    page_html = get(client, story.url)
    assert "<title>Tides &lt;rise&gt; &amp; fall | Ports &amp; Harbours</title>" in page_html
    assert "<title>Ports &amp; Harbours</title>" in get(client, "/")
