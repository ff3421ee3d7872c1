from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.live.tests.factories import LiveBlogFactory
from newsdesk.news.models import ARTICLES_PER_PAGE, HomePage, SectionBlock

from .factories import ArticleFactory, AuthorFactory, SectionFactory


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.mark.django_db
class TestSectionPage:
    def test_lists_stories_of_subsections_newest_first_with_the_lead_larger(
        self, client, news, us_section
    ):
        older = ArticleFactory(parent=news, title="Older story", published_at=days_ago(2))
        newer = ArticleFactory(parent=us_section, title="Newer story", published_at=days_ago(1))
        response = client.get(news.url)
        assert list(response.context["articles"]) == [newer, older]
        html = response.content.decode()
        assert html.index("Newer story") < html.index("Older story")
        assert (
            html.index("teaser--lead") < html.index("Newer story") < html.index("teaser--standard")
        )

    def test_paginates(self, client, news):
        for day in range(ARTICLES_PER_PAGE + 1):
            ArticleFactory(parent=news, lead_image=None, published_at=days_ago(day))
        first = client.get(news.url)
        second = client.get(news.url, {"page": 2})
        assert len(first.context["articles"]) == ARTICLES_PER_PAGE
        assert len(second.context["articles"]) == 1
        assert b'rel="next" href="?page=2"' in first.content
        assert b"teaser--lead" not in second.content

    def test_drafts_are_not_listed(self, client, news):
        ArticleFactory(parent=news, title="Still a draft", live=False)
        assert b"Still a draft" not in client.get(news.url).content

    def test_empty_section_says_so(self, client, news):
        assert b"No stories in this section yet." in client.get(news.url).content


@pytest.mark.django_db
class TestFrontPage:
    def test_pinned_lead_then_top_stories_then_sections(self, client, news, opinion):
        pinned = ArticleFactory(parent=news, title="Pinned story", published_at=days_ago(5))
        newest = ArticleFactory(parent=news, title="Newest story", published_at=days_ago(0))
        column = ArticleFactory(parent=opinion, title="A column", published_at=days_ago(1))
        home = HomePage.objects.get()
        home.lead_story = pinned
        home.save()
        context = client.get("/").context
        assert context["lead_story"] == pinned
        assert context["top_stories"] == [newest, column]
        assert context["section_blocks"] == []  # every story is already shown above

    def test_newest_story_leads_when_nothing_is_pinned(self, client, news):
        ArticleFactory(parent=news, published_at=days_ago(3))
        newest = ArticleFactory(parent=news, published_at=days_ago(0))
        assert client.get("/").context["lead_story"] == newest

    def test_section_blocks_and_latest_news_fill_from_the_rest(self, client, news, opinion):
        for day in range(8):
            ArticleFactory(parent=news, lead_image=None, published_at=days_ago(day))
        column = ArticleFactory(parent=opinion, lead_image=None, published_at=days_ago(30))
        context = client.get("/").context
        sections = {block.section: block.stories for block in context["section_blocks"]}
        assert [s.title for s in sections] == ["News", "Opinion"]
        assert sections[opinion] == [column]
        shown = {context["lead_story"], *context["top_stories"]}
        assert not shown & set(sections[news])

    def test_a_section_block_holds_its_newest_stories_subsections_included(
        self, client, news, us_section, opinion
    ):
        # Lead and top stories take the five newest; the blocks fill from the rest.
        for day in range(5):
            ArticleFactory(parent=opinion, lead_image=None, published_at=days_ago(day))
        older = [
            ArticleFactory(parent=parent, lead_image=None, published_at=days_ago(10 + day))
            for day, parent in enumerate([us_section, news, us_section, news, news, us_section])
        ]
        blocks = client.get("/").context["section_blocks"]
        sections = {block.section: block.stories for block in blocks}
        assert sections[news] == older[: SectionBlock.ROW]  # newest first
        assert us_section not in sections  # a subsection's stories are its section's

    @pytest.mark.parametrize("photo", [True, False], ids=["row", "list"])
    def test_a_block_without_a_lead_shows_whole_rows(self, client, news, photo):
        for day in range(5):  # the lead and top stories, from a section not in the menu
            ArticleFactory(parent=SectionFactory(show_in_menus=False), published_at=days_ago(day))
        first = ArticleFactory(parent=news, lead_image=None, published_at=days_ago(10))
        others = [
            ArticleFactory(
                parent=news,
                published_at=days_ago(11 + day),
                **({} if photo else {"lead_image": None}),
            )
            for day in range(4)
        ]
        context = client.get("/").context
        (block,) = context["section_blocks"]
        assert block.layout == ("row" if photo else "list")
        assert block.stories == [first, *others[:3]]
        assert others[3] in context["latest_stories"]

    def test_a_section_block_is_laid_out_by_what_it_holds(self, client, news, opinion):
        business = SectionFactory(title="Business", slug="business")
        culture = SectionFactory(title="Culture", slug="culture")
        for day in range(5):  # the lead and top stories, from a section not in the menu
            ArticleFactory(parent=SectionFactory(show_in_menus=False), published_at=days_ago(day))
        for day in range(5):
            ArticleFactory(parent=news, published_at=days_ago(10 + day))
        for day in range(3):
            ArticleFactory(parent=business, published_at=days_ago(10 + day))
            ArticleFactory(parent=culture, lead_image=None, published_at=days_ago(10 + day))
            ArticleFactory(parent=opinion, kicker="opinion", published_at=days_ago(10 + day))
        response = client.get("/")
        layouts = {b.section.title: b.layout for b in response.context["section_blocks"]}
        assert layouts == {
            "News": "lead",
            "Business": "row",
            "Culture": "list",
            "Opinion": "opinion",
        }
        html = response.content.decode()
        news_block = html[html.index("front-section--lead") : html.index("front-section--row")]
        assert news_block.count("teaser--feature") == 1
        assert news_block.count("teaser--standard") == 4
        assert "teaser--column" in html[html.index("front-section--opinion") :]

    def test_a_lead_block_needs_a_photo_on_its_first_story(self, client, news):
        for day in range(5):
            ArticleFactory(parent=SectionFactory(show_in_menus=False), published_at=days_ago(day))
        ArticleFactory(parent=news, lead_image=None, published_at=days_ago(10))
        for day in range(4):
            ArticleFactory(parent=news, published_at=days_ago(11 + day))
        (block,) = client.get("/").context["section_blocks"]
        assert block.layout == "row"

    def test_a_pinned_live_blog_among_the_top_stories_is_marked_live(self, client, news):
        blog = LiveBlogFactory(parent=news, published_at=days_ago(3))
        home = HomePage.objects.get()
        home.top_story_links.create(story=blog)
        ArticleFactory(parent=news)
        html = client.get("/").content.decode()
        assert html.count('class="kicker kicker--live"') == 1

    def test_header_lists_the_sections(self, client, news, opinion):
        html = client.get("/").content.decode()
        nav = html[html.index('aria-label="Sections"') :]
        assert nav.index(">News<") < nav.index(">Opinion<")

    def test_front_page_without_stories(self, client):
        assert b"No stories have been published yet." in client.get("/").content


@pytest.mark.django_db
class TestAuthorAndTopicPages:
    def test_author_page_lists_their_stories(self, client, news):
        author = AuthorFactory(name="Ana Ruiz", slug="ana-ruiz", bio="Covers the port.")
        ArticleFactory(parent=news, title="Her story", authors=[author])
        ArticleFactory(parent=news, title="Someone else's story")
        html = client.get("/authors/ana-ruiz/").content.decode()
        assert "Covers the port." in html
        assert "Her story" in html
        assert "Someone else&#x27;s story" not in html

    def test_topic_page_lists_tagged_stories(self, client, news):
        tagged = ArticleFactory(parent=news, title="Tagged story")
        tagged.tags.add("Ferries")
        tagged.save()
        ArticleFactory(parent=news, title="Untagged story")
        html = client.get("/topics/ferries/").content.decode()
        assert "Tagged story" in html
        assert "Untagged story" not in html

    @pytest.mark.parametrize("url", ["/authors/nobody/", "/topics/nothing/", "/authors/%00/"])
    def test_unknown_author_or_topic_is_a_404(self, client, url):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_nested_sections_show_in_the_trail_of_the_section_page(client, news):
    world = SectionFactory(title="World", slug="world", parent=news)
    html = client.get(world.url).content.decode()
    trail = html[html.index('aria-label="Breadcrumb"') :]
    assert trail.index(">News<") < trail.index(">World<")
