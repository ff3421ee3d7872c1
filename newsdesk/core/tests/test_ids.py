"""Numbers where a row id goes, in a URL or a query string: out of range is a 404 or a
400, never a server error, on SQLite and PostgreSQL alike."""

import re

import pytest
from django.urls import get_resolver
from django.urls.converters import IntConverter
from django.urls.resolvers import LocalePrefixPattern, RoutePattern, URLResolver

from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.core.ids import ID_MAX, IdConverter, parse_id
from newsdesk.live.tests.factories import LiveBlogFactory
from newsdesk.live.views import last_event_id

pytestmark = pytest.mark.django_db

BAD_IDS = ["0", "-1", str(2**63), str(10**30), "x"]
BAD_COUNTS = BAD_IDS[1:]  # an offset or a limit may be 0
NUMBER_CONVERTERS = (IntConverter, IdConverter)


def url_patterns(resolver=None, prefix="", converters=()):
    """(route, converters) for every pattern the site resolves, includes followed."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + route_text(entry.pattern)
        found = (*converters, *entry.pattern.converters.values())
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry, route, found)
        else:
            yield route, found


def route_text(pattern):
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    if isinstance(pattern, LocalePrefixPattern):  # the default edition's reader URLs: none
        return pattern.language_prefix
    return str(pattern._regex).removeprefix("^").removesuffix("$").replace("\\", "")


def id_routes():
    return sorted(
        route
        for route, converters in url_patterns()
        if any(isinstance(converter, NUMBER_CONVERTERS) for converter in converters)
    )


def with_value(route, value):
    """The route with `value` for every number and a plausible word for anything else."""
    url = re.sub(r"<(?:int|id):\w+>", value, route)
    return "/" + re.sub(r"<(?:\w+:)?\w+>", "x", url)


def test_every_route_with_a_number_is_walked():
    routes = id_routes()
    # The project's own and Wagtail's: a walk that found none would prove nothing.
    assert "comments/article/<id:page_id>/" in routes
    assert "live/blog/<id:blog_id>/events/" in routes
    assert any(route.startswith("admin/pages/<int:") for route in routes)
    assert len(routes) > 50


@pytest.mark.parametrize("value", BAD_IDS)
def test_no_route_answers_a_bad_id_with_a_server_error(admin_client, value):
    failures = {}
    for route in id_routes():
        url = with_value(route, value)
        for method in (admin_client.get, admin_client.post):
            status = method(url).status_code
            if status >= 500:
                failures[f"{method.__name__.upper()} {url}"] = status
    assert failures == {}


def test_the_project_names_ids_with_the_bounded_converter():
    """Wagtail's own views look rows up safely; a route of ours must not take any int."""
    ours = [
        route
        for route, converters in url_patterns()
        if any(type(converter) is IntConverter for converter in converters)
        and not route.startswith(("admin/", "documents/", "api/v2/", "_util/"))
    ]
    assert ours == []


def test_a_real_id_still_resolves(client, admin_client):
    blog = LiveBlogFactory()
    comment = CommentFactory()
    assert client.get(f"/comments/article/{comment.page_id}/count/").status_code == 200
    assert admin_client.get(f"/admin/live/blog/{blog.pk}/").status_code == 200
    assert admin_client.get(f"/admin/comments/{comment.pk}/edit/").status_code == 200


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("7", 7),
        (" 7 ", 7),
        (str(ID_MAX), ID_MAX),
        ("0", None),
        ("-1", None),
        ("+3", None),
        (str(ID_MAX + 1), None),
        ("१२", None),
        ("1e3", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_id_takes_plain_numbers_within_a_row_ids_range(text, number):
    assert parse_id(text) == number


# --- query strings ---------------------------------------------------------------------


@pytest.mark.parametrize("value", BAD_COUNTS)
@pytest.mark.parametrize("name", ["offset", "limit"])
@pytest.mark.parametrize("endpoint", ["pages", "images"])
def test_the_api_refuses_a_bad_offset_or_limit_with_a_400(client, endpoint, name, value):
    response = client.get(f"/api/v2/{endpoint}/", {name: value})
    assert response.status_code == 400
    assert name in response.json()["message"]


def test_the_api_still_pages(client):
    response = client.get("/api/v2/pages/", {"offset": str(ID_MAX), "limit": "1"})
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize("value", BAD_IDS)
def test_query_string_ids_are_ignored_when_out_of_range(admin_client, client, value):
    comment = CommentFactory()
    thread = f"/comments/article/{comment.page_id}/"
    assert client.get(thread, {"comment": value}).status_code == 200
    assert client.get(thread, {"comment": value, "posted": "1"}).status_code == 200
    assert client.get(thread, {"reply_to": value}).status_code == 200
    assert admin_client.get("/admin/comments/", {"article": value}).status_code == 200
    moderated = admin_client.post("/admin/comments/moderate/", {"single": f"approve:{value}"})
    assert moderated.status_code == 302


@pytest.mark.parametrize("value", BAD_IDS)
def test_a_bad_last_event_id_replays_from_the_start(rf, value):
    assert last_event_id(rf.get("/", {"last_event_id": value})) == 0
    assert last_event_id(rf.get("/", headers={"Last-Event-ID": value})) == 0
    assert last_event_id(rf.get("/", {"last_event_id": "41"})) == 41
