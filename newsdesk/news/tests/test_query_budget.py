"""Query budgets of the pages readers open most, rendered cold.

The test settings keep the page cache, the fragments and the remembered routes off, so
each request here asks the database everything a render after a purge asks: Wagtail's
routing, the site's header and footer, the page itself. A page furnished with all it can
show (bylines with faces, topics, photos in the body, related stories, a correction, the
footer's links, a live channel, breaking news) must stay within its budget: the count
reached, plus a small margin. A new query fails here; raise a budget only on purpose.
test_queries.py checks that the counts do not grow with the content.
"""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from newsdesk.about.models import FooterLink, FooterSettings, SocialAccount
from newsdesk.about.tests.factories import InfoPageFactory
from newsdesk.core.models import BreakingNews, NewsroomSettings
from newsdesk.live.tests.factories import LiveChannelFactory
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.models import ArticleCorrection, ArticleRelatedLink

from .factories import ArticleFactory, AuthorFactory

# Reached: 32, 32 and 24, with routing by url_path (core/routing.py), the trail from the
# pages routing fetched and visibility of loaded pages checked without a query. Editions
# had added six, five and five (the active Locale, the edition check, the hreflang
# translations and front pages, the translation notice).
ARTICLE_BUDGET = 33
FRONT_PAGE_BUDGET = 33
SECTION_BUDGET = 25

pytestmark = pytest.mark.django_db


@pytest.fixture
def furnished_site(news, opinion):
    """The header and footer with everything they show."""
    site = Site.objects.get(is_default_site=True)
    NewsroomSettings.objects.update_or_create(
        site=site, defaults={"tagline": "News from the bay", "x_handle": "baydesk"}
    )
    footer = FooterSettings.for_site(site)
    footer.links = [
        FooterLink(column=FooterLink.Column.NEWSROOM, page=InfoPageFactory(slug="about")),
        FooterLink(column=FooterLink.Column.STANDARDS, page=InfoPageFactory(slug="ethics")),
        FooterLink(column=FooterLink.Column.NEWSROOM, url="mailto:tips@example.com", label="Tip"),
    ]
    footer.social_accounts = [
        SocialAccount(network=SocialAccount.Network.MASTODON, url="https://mastodon.example/@b")
    ]
    footer.save()
    LiveChannelFactory()
    return site


def column(opinion):
    writer = AuthorFactory(photo=PhotoFactory())
    return ArticleFactory(parent=opinion, kicker="opinion", authors=[writer])


@pytest.fixture
def furnished_article(furnished_site, us_section, opinion):
    picks = [column(opinion), ArticleFactory(parent=us_section)]
    inline = ArticleFactory(parent=us_section)
    story = ArticleFactory(
        parent=us_section,
        authors=[AuthorFactory(photo=PhotoFactory()), AuthorFactory()],
        body=[
            ("paragraph", "<p>The council met on Tuesday evening.</p>"),
            ("photo", {"image": PhotoFactory(), "caption": "", "credit": "", "size": "inline"}),
            ("related", {"label": "Related", "story": inline}),
            ("photo", {"image": PhotoFactory(), "caption": "", "credit": "", "size": "wide"}),
        ],
    )
    story.tags.add("flooding", "harbour council")
    story.save()
    for position, pick in enumerate(picks):
        ArticleRelatedLink.objects.create(page=story, story=pick, sort_order=position)
    ArticleCorrection.objects.create(page=story, note="The vote was on Tuesday, not Monday.")
    BreakingNews.objects.update_or_create(
        site=furnished_site, defaults={"headline": "Sea wall breached", "link": story}
    )
    return story


def cold_get(client, url, budget, django_assert_max_num_queries):
    client.get(url)  # renditions are made on the first view; readers see the second
    cache.clear()
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_cold_article_page_stays_within_its_budget(
    client, furnished_article, django_assert_max_num_queries
):
    html = cold_get(client, furnished_article.url, ARTICLE_BUDGET, django_assert_max_num_queries)

    # All of it was rendered: the budget holds for the full page, not a part of it.
    assert "The vote was on Tuesday, not Monday." in html
    assert "harbour council" in html
    assert 'class="inline-related"' in html
    assert "Related stories" in html
    assert "Sea wall breached" in html
    assert "mastodon.example" in html


def test_cold_front_page_stays_within_its_budget(
    client, furnished_article, opinion, us_section, django_assert_max_num_queries
):
    for _ in range(4):
        column(opinion)
        ArticleFactory(parent=us_section)

    html = cold_get(client, "/", FRONT_PAGE_BUDGET, django_assert_max_num_queries)

    assert furnished_article.title in html
    assert "mastodon.example" in html


def test_cold_section_page_stays_within_its_budget(
    client, furnished_article, us_section, django_assert_max_num_queries
):
    ArticleFactory.create_batch(4, parent=us_section)

    html = cold_get(client, us_section.url, SECTION_BUDGET, django_assert_max_num_queries)

    assert furnished_article.title in html
