"""The page-not-found page: status 404, a search, the latest stories readers may see, and
cheap enough for the bots that ask for addresses that never existed."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.template.loader import get_template
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsdesk.about.views import LATEST_STORIES
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PREVIEW = "/404-preview/"
HEADING = "We can\N{RIGHT SINGLE QUOTATION MARK}t find that page"


def parsed(response):
    return BeautifulSoup(response.content, "html.parser")


def latest_headlines(response):
    return [a.get_text() for a in parsed(response).select(".not-found__list a")]


def test_answers_404_with_a_search_and_the_latest_stories(client, us_section):
    now = timezone.now()
    for hours in range(LATEST_STORIES + 2):
        ArticleFactory(
            parent=us_section,
            title=f"Story {hours} hours old",
            published_at=now - timedelta(hours=hours),
        )

    response = client.get("/news/no-such-story/")

    assert response.status_code == 404
    document = parsed(response)
    assert document.h1.get_text() == HEADING
    (form,) = document.select("main form[role=search]")
    assert form["action"] == reverse("search:search")
    assert form.select_one("input[name=q]").get("value") is None
    assert latest_headlines(response) == [
        f"Story {hours} hours old" for hours in range(LATEST_STORIES)
    ]


def test_lists_only_stories_readers_may_see(client, us_section):
    ArticleFactory(parent=us_section, title="Published story")
    ArticleFactory(parent=us_section, title="Draft story", live=False)
    ArticleFactory(
        parent=us_section, title="Embargoed story", go_live_at=timezone.now() + timedelta(hours=2)
    )
    ArticleFactory(
        parent=us_section, title="Expired story", expire_at=timezone.now() - timedelta(hours=1)
    )
    private = ArticleFactory(parent=us_section, title="Private story")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/no-such-page/")

    assert latest_headlines(response) == ["Published story"]
    for hidden in ("Draft", "Embargoed", "Expired", "Private"):
        assert hidden.encode() not in response.content


def test_a_site_without_stories_still_has_the_search(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert latest_headlines(response) == []
    assert parsed(response).select_one("main input[name=q]") is not None


@pytest.mark.parametrize(
    "path", ['/"><script>alert(1)</script>/', "/news/%00/", "/" + "x" * 5000 + "/", "/ü/"]
)
def test_the_address_asked_for_is_not_repeated(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"<script>alert(1)" not in response.content
    assert b"xxxxxxxxxx" not in response.content


def test_is_kept_briefly_by_the_page_cache_and_varnish(client):
    with override_settings(NEWSDESK_CACHE_ENABLED=True):
        caches["pages"].clear()
        first = client.get("/gone-for-good/")
        second = client.get("/gone-for-good/")
        caches["pages"].clear()
    assert first.status_code == second.status_code == 404
    assert "s-maxage=30" in first["Cache-Control"]
    assert "public" in first["Cache-Control"]


def count_queries_of_a_new_address(client, path):
    with override_settings(NEWSDESK_CACHE_FRAGMENTS=True, NEWSDESK_CACHE_ROUTES=True):
        client.get("/warm-up/")  # the shared header and footer are kept from here on
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 404
    return len(queries)


def test_a_bot_asking_for_new_addresses_costs_a_few_queries(client, us_section):
    """The header and footer come from fragments; each new address costs its site and
    routing (the site is no longer kept whole: newsdesk/caching/routes.py), the redirect
    look-up, the head, and one look-up of the latest stories: never more with more
    stories or sections."""
    caches["pages"].clear()
    ArticleFactory.create_batch(2, parent=us_section)
    few = count_queries_of_a_new_address(client, "/never-existed/")
    ArticleFactory.create_batch(10, parent=us_section)
    caches["pages"].clear()
    many = count_queries_of_a_new_address(client, "/never-existed-either/")
    caches["pages"].clear()
    # Ten: the site, the active Locale (once a request: editions/locales.py), the front
    # page, the route, the view restrictions (once a request: core/visibility.py), the
    # latest stories, the newsroom settings, the menu's and the head's sections, the
    # redirect look-up.
    assert few == many <= 10


class TestPreview:
    def test_anonymous_readers_get_the_real_404_in_production(self, client):
        with override_settings(DEBUG=False):
            response = client.get(PREVIEW)
        assert response.status_code == 404
        assert "no-store" not in response.get("Cache-Control", "")

    def test_signed_in_readers_without_admin_access_get_404(self, client, django_user_model):
        reader = django_user_model.objects.create_user("rea", "rea@example.com", "pw")
        client.force_login(reader)
        with override_settings(DEBUG=False):
            assert client.get(PREVIEW).status_code == 404

    def test_staff_see_the_page_and_no_cache_keeps_it(self, client, contributor, us_section):
        ArticleFactory(parent=us_section, title="Tide tables change")
        client.force_login(contributor)
        with override_settings(DEBUG=False):
            response = client.get(PREVIEW)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert latest_headlines(response) == ["Tide tables change"]
        assert parsed(response).h1.get_text() == HEADING

    def test_staff_see_it_as_readers_do_without_the_staff_toolbar(
        self, client, contributor, us_section
    ):
        story = ArticleFactory(parent=us_section)
        client.force_login(contributor)
        with override_settings(DEBUG=False):
            preview = client.get(PREVIEW).content.decode()
            on_a_story = client.get(story.url).content.decode()
        assert "wagtail-userbar" in on_a_story  # the toolbar staff have elsewhere
        assert "wagtail-userbar" not in preview

    def test_anyone_sees_it_in_development(self, client):
        with override_settings(DEBUG=True):
            response = client.get(PREVIEW)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_the_server_error_page_asks_nothing_of_the_database():
    """It is shown when the database or the templates fail, so it is plain HTML."""
    template = get_template("500.html")
    with CaptureQueriesContext(connection) as queries:
        html = template.render()
    assert len(queries) == 0
    assert "{%" not in template.template.source
    assert "<h1>" in html
