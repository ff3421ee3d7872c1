"""Remembered routes: a path leads to its page with one query, and a page moved,
renamed, unpublished or deleted is never served from a remembered route."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from newsdesk.caching.routes import is_plain
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    walked = [
        query
        for query in queries
        if '"wagtailcore_page"."slug" =' in query["sql"]  # Wagtail's walk
        or '"wagtailcore_page"."url_path" IN' in query["sql"]  # core/routing.py
    ]
    return response, walked


def test_the_second_request_takes_the_remembered_route(client, fragments, story):
    first, walked_first = page_queries(client, story.url)
    second, walked_second = page_queries(client, story.url)
    assert first.status_code == second.status_code == 200
    assert walked_first  # the route found in the tree
    assert not walked_second
    assert second.context["page"] == story


def test_an_unpublished_story_is_not_found_on_its_remembered_route(
    client, fragments, story, commits
):
    client.get(story.url)
    with commits():
        story.unpublish()
    assert client.get(story.url).status_code == 404


def test_a_deleted_story_is_not_found_on_its_remembered_route(client, fragments, story, commits):
    url = story.url
    client.get(url)
    with commits():
        story.delete()
    assert client.get(url).status_code == 404


def test_a_signed_in_editors_route_is_checked_against_the_database(
    client, fragments, story, editor
):
    client.force_login(editor)
    assert client.get(story.url).status_code == 200
    story.unpublish()  # never committed: no purge ran, only the database knows
    assert client.get(story.url).status_code == 404


def test_a_renamed_story_leaves_its_old_path_to_the_page_now_there(
    client, fragments, story, us_section, commits
):
    old_url = story.url
    client.get(old_url)
    story.slug = "sea-wall-vote-renamed"
    with commits():
        story.save_revision().publish()
    story.refresh_from_db()
    with commits():
        newcomer = ArticleFactory(parent=us_section, title="Another vote", slug="sea-wall-vote")
    assert newcomer.url == old_url
    response = client.get(old_url)
    assert response.status_code == 200
    assert response.context["page"] == newcomer
    assert client.get(story.url).context["page"] == story


def test_a_moved_story_is_served_at_its_new_path_only(client, fragments, story, opinion, commits):
    old_url = story.url
    client.get(old_url)
    with commits():
        story.move(opinion, pos="last-child")
    story.refresh_from_db()
    old = client.get(old_url)
    assert old.status_code == 301  # Wagtail's redirect from the old path
    assert old["Location"] == story.url == "/opinion/sea-wall-vote/"
    assert client.get(story.url).status_code == 200


def test_a_site_given_another_root_routes_anew(
    client, fragments, news, us_section, site_root_paths, commits
):
    assert client.get("/news/").context["page"] == news
    site = Site.objects.get(is_default_site=True)
    site.root_page = news
    with commits():
        site.save()
    assert client.get("/news/").status_code == 404  # News has no "news" below it
    assert client.get("/us/").context["page"] == us_section


@pytest.mark.parametrize(
    "path",
    ["/news/us/no-such-story/", "/news/%E2%9C%93/", "/" + "a/" * 300, "/news/us/../us/"],
)
def test_paths_that_lead_nowhere_are_not_found_and_not_remembered(client, fragments, path, story):
    assert client.get(path).status_code == 404
    assert client.get(path).status_code == 404
    assert not [key for key in fragments._cache if "route" in key]


def test_a_remembered_route_leads_to_a_page_with_its_view_restrictions(
    client, fragments, story, us_section, commits
):
    client.get(story.url)
    assert client.get(story.url).status_code == 200
    with commits():
        PageViewRestriction.objects.create(
            page=us_section, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    for _ in range(2):
        response = client.get(story.url)
        assert 'name="password"' in response.content.decode()
        assert "article__headline" not in response.content.decode()


def test_publishing_in_a_site_rooted_at_a_section_purges_its_pages(
    client, fragments, news, site_root_paths, commits
):
    site = Site.objects.get(is_default_site=True)
    site.root_page = news
    with commits():
        site.save()
    story = ArticleFactory(parent=news, title="Ferry timetable changes")
    assert "Ferry timetable changes" in client.get(story.url).content.decode()
    story.title = "Ferry timetable changes again"
    with commits():
        story.save_revision().publish()
    assert "Ferry timetable changes again" in client.get(story.url).content.decode()


class SubPathRouting:
    """Stands in for a routable page model (RoutablePageMixin and the like)."""

    def route(self, request, path_components):
        raise NotImplementedError


class Ancestors(list):
    def only(self, *fields):
        return self


def test_only_plain_routes_are_remembered(story, monkeypatch):
    assert is_plain(RouteResult(story))
    assert not is_plain(RouteResult(story, args=["2026"]))  # a sub-path the page answers
    routable_section = SimpleNamespace(specific_class=SubPathRouting)
    monkeypatch.setattr(type(story), "get_ancestors", lambda page: Ancestors([routable_section]))
    assert not is_plain(RouteResult(story))  # a page on the way routes in its own way
