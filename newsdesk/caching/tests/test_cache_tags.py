"""Cache tags: collected while a response renders, capped with broader tags, sent in a
header to the caches in front (and kept from readers when the app is the edge)."""

import pytest
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory, override_settings

from newsdesk.caching.metadata import (
    add_cache_tags,
    add_tags_of,
    capped,
    collecting,
    header_length,
    tags_of,
    with_broader_tags,
)
from newsdesk.caching.middleware import PageCacheMiddleware


def test_tags_added_outside_a_collection_go_nowhere():
    add_cache_tags("page-1")  # no error, nothing kept
    with collecting() as metadata:
        pass
    assert metadata.tags == set()


def test_a_collection_keeps_what_the_render_adds_and_nested_ones_are_their_own():
    with collecting() as outer:
        add_cache_tags("page-1", "", None, "list-page-3")
        with collecting() as inner:
            add_cache_tags("page-2")
        add_cache_tags("front")
    assert outer.tags == {"page-1", "list-page-3", "front"}
    assert inner.tags == {"page-2"}


def test_tags_are_made_safe_for_every_header():
    with collecting() as metadata:
        add_cache_tags("a b,c\r\nd")
    assert metadata.tags == {"a_b_c__d"}


def test_a_template_adds_the_tags_of_what_it_shows(db):
    template = engines["django"].from_string(
        '{% load cache_tags %}{% cache_tags page "list-front" nothing %}shown'
    )

    class Thing:
        pk = 7

        class _meta:
            model_name = "thing"

    with collecting() as metadata:
        html = template.render({"page": Thing(), "nothing": None})
    assert html == "shown"
    assert metadata.tags == {"thing-7", "list-front"}


def test_objects_without_a_primary_key_have_no_tags():
    class Unsaved:
        pk = None

    assert tags_of(Unsaved()) == ()
    assert tags_of("banner") == ("banner",)


def test_tags_that_fit_are_kept_as_they_are():
    tags = {"page-1", "page-2", "nav"}
    assert capped(tags, 1000) == sorted(tags)


def test_too_many_tags_of_one_kind_become_its_broader_tag():
    pages = {f"page-{n}" for n in range(500)}
    tags = capped(pages | {"list-page-3", "author-1", "nav"}, 200)
    assert tags == sorted({"page-all", "list-page-3", "author-1", "nav"})
    assert header_length(tags) <= 200


def test_the_most_numerous_kind_goes_first_then_the_next():
    tags = {f"page-{n}" for n in range(40)} | {f"author-{n}" for n in range(20)}
    assert capped(tags, 200) == sorted({"page-all", *(f"author-{n}" for n in range(20))})
    assert capped(tags, 30) == ["author-all", "page-all"]


def test_nothing_fits_means_everything():
    assert capped({"x" * 50}, 10) == ["all"]


def test_a_purge_of_one_object_also_purges_its_broader_tag():
    assert with_broader_tags({"page-12", "nav", "list-page-3"}) == {
        "page-12",
        "page-all",
        "nav",
        "list-page-3",
        "list-page-all",
    }


def view_with_tags(*tags):
    def view(request):
        add_cache_tags(*tags)
        return HttpResponse("<p>tagged</p>")

    return view


@pytest.mark.parametrize(
    ("header", "expected"),
    [("xkey", "nav page-1"), ("Surrogate-Key", "nav page-1"), ("Cache-Tag", "nav,page-1")],
)
def test_the_tags_go_in_the_configured_header_to_a_cache_in_front(header, expected):
    request = RequestFactory().get("/news/")
    with override_settings(NEWSDESK_CACHE_TAG_HEADER=header, NEWSDESK_CACHE_SEND_TAGS=True):
        response = PageCacheMiddleware(view_with_tags("page-1", "nav"))(request)
    assert response[header] == expected


def test_the_app_at_the_edge_keeps_its_tags_to_itself():
    request = RequestFactory().get("/news/")
    with override_settings(WAGTAILFRONTENDCACHE={}):
        response = PageCacheMiddleware(view_with_tags("page-1"))(request)
    assert "xkey" not in response


def test_the_tags_go_out_when_a_front_end_cache_is_configured():
    request = RequestFactory().get("/news/")
    backend = {"varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                           "LOCATION": "http://127.0.0.1:9"}}  # fmt: skip
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        response = PageCacheMiddleware(view_with_tags("page-1"))(request)
    assert response["xkey"] == "page-1"


def test_make_run_shows_a_page_its_tags_though_the_app_is_the_edge():
    from newsdesk.settings import dev

    request = RequestFactory().get("/news/")
    with override_settings(
        WAGTAILFRONTENDCACHE={}, NEWSDESK_CACHE_SEND_TAGS=dev.NEWSDESK_CACHE_SEND_TAGS
    ):
        response = PageCacheMiddleware(view_with_tags("page-1"))(request)
    assert response["xkey"] == "page-1"


def test_personal_responses_carry_no_tags():
    request = RequestFactory().get("/news/", HTTP_COOKIE="sessionid=abc")
    with override_settings(NEWSDESK_CACHE_SEND_TAGS=True):
        response = PageCacheMiddleware(view_with_tags("page-1"))(request)
    assert "xkey" not in response


def test_add_tags_of_takes_strings_and_skips_nothing():
    with collecting() as metadata:
        add_tags_of("nav", None, "")
    assert metadata.tags == {"nav"}
