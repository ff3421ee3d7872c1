"""schema.org JSON-LD as a crawler extracts it (extruct), checked against what the page
shows a reader: headline, dates, byline, section, photo, topics and corrections."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.apps import apps
from lxml import html as lxml_html

from newsdesk.multimedia.renditions.making import make_renditions
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.models import ArticleCorrection, ArticlePage
from newsdesk.news.tests.factories import ArticleFactory

from .readers import json_ld_of_type, structured_data


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    return text, lxml_html.fromstring(text)


def absolute(path):
    return f"http://localhost{path}"


@pytest.mark.django_db
class TestNewsArticle:
    @pytest.fixture
    def shown(self, client, story, newsroom):
        newsroom.logo = PhotoFactory(title="Logo")
        newsroom.save()
        make_renditions(newsroom.logo)  # the worker, once the photo is the logo
        ArticlePage.objects.filter(pk=story.pk).update(
            last_published_at=story.first_published_at + timedelta(hours=3)
        )
        story.refresh_from_db()
        ArticleCorrection.objects.create(
            page=story, kind="correction", note="An earlier version gave the wrong vote count."
        )
        ArticleCorrection.objects.create(page=story, kind="update", note="Adds the mayor's reply.")
        text, tree = page_of(client, story.url)
        return json_ld_of_type(text, story.full_url, "NewsArticle"), tree

    def test_headline_and_description_are_the_pages(self, shown):
        article, page = shown
        assert article["headline"] == page.findtext(".//article//h1")
        standfirst = page.find_class("article__standfirst")[0].text_content()
        assert article["description"] == standfirst

    def test_dates_are_the_published_and_updated_times_shown(self, shown):
        article, page = shown
        published, updated = page.xpath("//p[@class='dateline']//time/@datetime")
        assert article["datePublished"][:19] == published[:19]
        assert article["dateModified"][:19] == updated[:19]

    def test_authors_are_the_byline_with_their_pages(self, shown):
        article, page = shown
        byline = [(a.text, absolute(a.get("href"))) for a in page.xpath("//p[@class='byline']/a")]
        assert [(author["name"], author["url"]) for author in article["author"]] == byline
        assert all(author["@type"] == "Person" for author in article["author"])

    def test_section_and_keywords_are_the_trail_and_topics(self, shown):
        article, page = shown
        assert (
            article["articleSection"] == page.xpath("//nav[@aria-label='Breadcrumb']//a")[-1].text
        )
        topics = [a.text for a in page.xpath("//nav[@aria-label='Topics']//a")]
        assert article["keywords"] == topics

    def test_images_are_the_lead_photo_in_three_shapes(self, shown, story):
        article, _ = shown
        specs = ["fill-1200x675", "fill-1200x900", "fill-1200x1200"]
        renditions = [story.lead_image.get_rendition(f"{spec}|format-jpeg") for spec in specs]
        assert [image["url"] for image in article["image"]] == [
            absolute(rendition.url) for rendition in renditions
        ]
        # 16:9, 4:3 and 1:1, as large as the factory's 640x360 photo allows.
        shapes = [(image["width"], image["height"]) for image in article["image"]]
        assert shapes == [(640, 360), (480, 360), (360, 360)]

    def test_publisher_is_the_newsroom_with_its_logo(self, shown):
        article, _ = shown
        publisher = article["publisher"]
        assert publisher["@type"] == "NewsMediaOrganization"
        assert publisher["name"] == "The Newsdesk"
        assert publisher["logo"]["url"].startswith("http://localhost/media/images/")

    def test_corrections_are_the_correction_notes_shown(self, shown):
        article, page = shown
        notes = [p.text_content() for p in page.find_class("corrections__note")]
        corrections = [correction["text"] for correction in article["correction"]]
        assert corrections == ["An earlier version gave the wrong vote count."]
        assert set(corrections) < set(notes)  # the update note is not a correction

    def test_breadcrumbs_follow_the_trail(self, client, story):
        text, _ = page_of(client, story.url)
        crumbs = json_ld_of_type(text, story.full_url, "BreadcrumbList")["itemListElement"]
        assert [(crumb["position"], crumb["name"]) for crumb in crumbs] == [
            (1, "News"),
            (2, "U.S."),
            (3, story.title),
        ]
        assert crumbs[1]["item"] == "http://localhost/news/us/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kicker", "schema_type"),
    [
        ("news", "NewsArticle"),
        ("interview", "NewsArticle"),
        ("opinion", "OpinionNewsArticle"),
        ("analysis", "AnalysisNewsArticle"),
    ],
)
def test_the_kicker_chooses_the_type(client, us_section, kicker, schema_type):
    story = ArticleFactory(parent=us_section, kicker=kicker)
    text, _ = page_of(client, story.url)
    assert json_ld_of_type(text, story.full_url, schema_type)["headline"] == story.title


@pytest.mark.django_db
def test_a_headline_cannot_break_out_of_the_script(client, us_section):
    title = 'Leak </script><script>window.__xss=1</script> & "quotes"'
    story = ArticleFactory(parent=us_section, title=title)
    text, tree = page_of(client, story.url)
    assert json_ld_of_type(text, story.full_url, "NewsArticle")["headline"] == title
    assert not any("__xss" in (script.text or "") for script in tree.xpath("//script[not(@type)]"))
    assert "</script><script>window.__xss" not in text


@pytest.mark.django_db
def test_the_front_page_describes_the_site_and_its_search(client, story):
    text, _ = page_of(client, "/")
    site = json_ld_of_type(text, "http://localhost/", "WebSite")
    assert site["name"] == "The Newsdesk"
    assert site["publisher"]["@type"] == "NewsMediaOrganization"
    template = site["potentialAction"]["target"]["urlTemplate"]
    search = template.replace("{search_term_string}", quote("sea wall"))
    response = client.get(search.removeprefix("http://localhost"))
    assert response.status_code == 200
    assert f'href="{story.url}"' in response.content.decode()


@pytest.mark.django_db
def test_an_author_page_is_their_profile(client, story):
    text, _ = page_of(client, "/authors/ana-ruiz/")
    profile = json_ld_of_type(text, "http://localhost/authors/ana-ruiz/", "ProfilePage")
    assert profile["mainEntity"]["name"] == "Ana Ruiz"
    assert profile["mainEntity"]["sameAs"] == ["https://x.com/anaruiz"]


@pytest.mark.django_db
def test_pages_with_nothing_to_describe_carry_no_json_ld(client, story):
    text, _ = page_of(client, "/search/?q=harbour")
    assert structured_data(text, "http://localhost/search/")["json-ld"] == []


@pytest.mark.django_db
def test_a_live_blog_is_a_live_blog_posting_with_its_updates(client, us_section):
    if not apps.is_installed("newsdesk.live"):
        pytest.skip("the live app is not installed")
    live_blog_page = apps.get_model("live", "LiveBlogPage")
    live_entry = apps.get_model("live", "LiveEntry")
    blog = us_section.add_child(
        instance=live_blog_page(title="Storm live: the harbour floods", slug="storm-live")
    )
    blog.save_revision().publish()
    blog.refresh_from_db()
    for title in ("Water over the quay", "Ferries stop running"):
        live_entry.objects.create(blog=blog, title=title, body=[("paragraph", "<p>Tide.</p>")])
    text, page = page_of(client, blog.url)
    posting = json_ld_of_type(text, blog.full_url, "LiveBlogPosting")
    assert posting["headline"] == blog.title
    assert posting["coverageStartTime"][:19] == blog.first_published_at.isoformat()[:19]
    updates = [update["headline"] for update in posting["liveBlogUpdate"]]
    assert updates == ["Ferries stop running", "Water over the quay"]
    assert all(update in page.text_content() for update in updates)
