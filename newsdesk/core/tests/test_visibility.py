"""Readers never see a restricted page, whether the restrictions were read in this request
or the request before it."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from newsdesk.core.visibility import (
    RestrictionsReadOnceMiddleware,
    restrictions_read_once,
    visible_to_readers,
)
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def visible_ids():
    return set(visible_to_readers(Page.objects.all()).values_list("pk", flat=True))


def restriction_reads(queries):
    return [q for q in queries.captured_queries if "pageviewrestriction" in q["sql"]]


def test_a_restriction_hides_the_page_and_everything_below_it(us_section):
    story = ArticleFactory(parent=us_section)
    PageViewRestriction.objects.create(page=us_section, restriction_type="login")
    assert {us_section.pk, story.pk}.isdisjoint(visible_ids())
    assert us_section.get_parent().pk in visible_ids()


def test_within_a_read_the_restrictions_are_looked_up_once(us_section):
    PageViewRestriction.objects.create(page=us_section, restriction_type="login")
    with restrictions_read_once(), CaptureQueriesContext(connection) as queries:
        first, second = visible_ids(), visible_ids()
    assert first == second
    assert us_section.pk not in first
    assert len(restriction_reads(queries)) == 1


def test_the_next_read_sees_a_restriction_added_since(us_section):
    with restrictions_read_once():
        assert us_section.pk in visible_ids()
    PageViewRestriction.objects.create(page=us_section, restriction_type="password", password="x")
    with restrictions_read_once():
        assert us_section.pk not in visible_ids()


@pytest.mark.parametrize("method, reads", [("get", 1), ("head", 1), ("post", 2)])
def test_only_reads_keep_the_restrictions(rf, us_section, method, reads):
    """A POST (the admin's) may add a restriction, then ask what readers see."""
    PageViewRestriction.objects.create(page=us_section, restriction_type="login")

    def view(request):
        visible_ids(), visible_ids()
        return HttpResponse()

    with CaptureQueriesContext(connection) as queries:
        RestrictionsReadOnceMiddleware(view)(getattr(rf, method)("/"))
    assert len(restriction_reads(queries)) == reads
