"""Routing by url_path (core/routing.py): the same page as Wagtail's walk for every path,
with fewer queries; Wagtail's walk wherever a page on the way routes in its own way."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from newsdesk.core.routing import UrlPathRoutingMixin
from newsdesk.news.models import HomePage, SectionPage, section_trail
from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(news):
    return SectionFactory(title="World", slug="world", parent=news)


@pytest.fixture
def story(world):
    return ArticleFactory(parent=world, title="Harbour ferry returns")


def site_root():
    return Site.objects.get(is_default_site=True).root_page.specific


def components(path):
    return [component for component in path.split("/") if component]


def walked_route(path, root=None):
    """Wagtail's own walk from the site's root, for comparison."""
    return Page.route(root or site_root(), RequestFactory().get(path), components(path))


def routed(path, root=None):
    return (root or site_root()).route(RequestFactory().get(path), components(path))


def test_the_site_root_routes_by_url_path():
    assert issubclass(HomePage, UrlPathRoutingMixin)


def test_every_live_page_routes_to_itself_as_wagtails_walk_does(story, world, news, opinion):
    for page in (story, world, news, opinion):
        found = routed(page.url)
        assert found.page == walked_route(page.url).page == page
        assert type(found.page) is type(page.specific)
        assert found.args == [] and found.kwargs == {}


def test_a_story_three_levels_down_takes_two_queries_not_six(story):
    root = site_root()
    with CaptureQueriesContext(connection) as ours:
        routed(story.url, root)
    with CaptureQueriesContext(connection) as walk:
        walked_route(story.url, root)
    assert len(ours) == 2
    assert len(walk) == 6


def test_a_path_that_leads_nowhere_is_told_in_one_query(story):
    root = site_root()
    with CaptureQueriesContext(connection) as queries, pytest.raises(Http404):
        routed("/news/world/no-such-story/", root)
    assert len(queries) == 1


def test_a_path_deeper_than_any_page_is_left_to_wagtails_walk(story):
    """Every prefix of a 2,000-level path would be 4 MB of url_paths from a 4 KB URL."""
    root = site_root()
    with CaptureQueriesContext(connection) as queries, pytest.raises(Http404):
        routed("/news/world/" + "a/" * 2000, root)
    assert not [query for query in queries if '"url_path" IN' in query["sql"]]
    assert len(queries) <= 6  # the walk: news, world, then no page "a"


def test_the_parent_is_left_on_the_page_as_wagtails_walk_leaves_it(story, world):
    found = routed(story.url).page
    with CaptureQueriesContext(connection) as queries:
        assert found.get_parent().pk == world.pk
    assert len(queries) == 0


@pytest.mark.parametrize(
    "path",
    [
        "/news/world/no-such-story/",
        "/news/no-such-section/harbour-ferry-returns/",
        "/world/harbour-ferry-returns/",  # a real page, but not at this path
        "/news/world/harbour-ferry-returns/extra/",
        "/news/%E2%9C%93/",
        "/news/world/harbour-ferry-returns/../harbour-ferry-returns/",
    ],
)
def test_paths_that_lead_nowhere_are_not_found(client, story, path):
    assert client.get(path).status_code == 404
    with pytest.raises(Http404):
        routed(path)


def test_an_unpublished_story_is_not_found(client, story):
    url = story.url
    story.unpublish()
    assert client.get(url).status_code == 404


def test_below_an_unpublished_section_a_live_story_is_served_as_wagtail_serves_it(
    client, story, world
):
    url = story.url
    world.unpublish()
    assert routed(url).page == walked_route(url).page == story
    assert client.get(url).status_code == 200


def test_a_moved_story_routes_at_its_new_path_and_redirects_from_the_old(client, story, opinion):
    old_url = story.url
    story.move(opinion, pos="last-child")
    story.refresh_from_db()
    assert routed(story.url).page == story
    with pytest.raises(Http404):
        routed(old_url)
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == story.url


def test_a_renamed_section_moves_the_stories_below_it(client, story, world):
    world.slug = "international"
    world.save_revision().publish()
    story.refresh_from_db()
    assert story.url == "/news/international/harbour-ferry-returns/"
    assert routed(story.url).page == story
    assert client.get(story.url).status_code == 200


def section_with_sub_paths(section, request, path_components):
    """Stands in for a routable page model's route() (RoutablePageMixin and the like):
    the section answers every path below it itself."""
    if path_components:
        return ("the section's own answer", section.slug, path_components)
    return Page.route(section, request, path_components)


def test_a_page_on_the_way_that_routes_in_its_own_way_decides(story, monkeypatch):
    monkeypatch.setattr(SectionPage, "route", section_with_sub_paths)
    own_answer = ("the section's own answer", "news", ["world", story.slug])
    assert routed(story.url) == own_answer
    assert routed("/news/world/2026/") == ("the section's own answer", "news", ["world", "2026"])


def test_the_page_comes_with_its_locale(story):
    found = routed(story.url).page
    with CaptureQueriesContext(connection) as queries:
        assert found.locale.language_code == story.locale.language_code
    assert len(queries) == 0


@pytest.mark.parametrize("restricted", ["news", "world", "story"])
def test_a_restriction_on_the_page_or_above_it_holds_on_the_routed_page(
    client, story, world, news, restricted
):
    page = {"news": news, "world": world, "story": story}[restricted]
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert list(routed(story.url).page.get_view_restrictions()) == list(
        story.get_view_restrictions()
    )
    content = client.get(story.url).content.decode()
    assert 'name="password"' in content
    assert "Harbour ferry returns" not in content


def test_an_alias_takes_the_restrictions_of_its_source(client, story, opinion):
    alias = story.create_alias(parent=opinion, update_slug="ferry-alias")
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert alias.url == "/opinion/ferry-alias/"
    assert routed(alias.url).page == alias
    assert 'name="password"' in client.get(alias.url).content.decode()


def test_a_routed_story_has_the_trail_the_database_gives_with_no_query(story, world, news):
    found = routed(story.url).page
    with CaptureQueriesContext(connection) as queries:
        trail = found.trail
    assert len(queries) == 0
    assert [page.pk for page in trail] == [news.pk, world.pk]
    assert [page.pk for page in trail] == [page.pk for page in section_trail(story)]


def test_a_routed_trail_leaves_out_a_section_that_is_not_live(story, world, news):
    Page.objects.filter(pk=world.pk).update(live=False)
    found = routed(story.url).page
    assert [page.pk for page in found.trail] == [news.pk]
    assert found.trail[0].url == news.url
