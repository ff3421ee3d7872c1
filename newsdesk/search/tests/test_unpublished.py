"""Drafts, scheduled (embargoed), unpublished and private stories, and the unpublished
edits of a live story, are never found."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsdesk.news.tests.factories import ArticleFactory

from .pages import found

SECRET = "zeppelin"


def hidden(us_section, **kwargs):
    return ArticleFactory(parent=us_section, title=f"The {SECRET} budget leak", **kwargs)


def scheduled(us_section):
    page = hidden(us_section, live=False)
    page.go_live_at = timezone.now() + timedelta(hours=3)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.scheduled_revision.approved_go_live_at
    return page


def draft(us_section):
    return hidden(us_section, live=False)


def unpublished(us_section):
    page = hidden(us_section)
    page.unpublish()
    return page


def private(us_section):
    page = hidden(us_section)
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    return page


def draft_edit_of_a_live_story(us_section):
    page = ArticleFactory(parent=us_section, title="Council meets")
    page.title = f"The {SECRET} budget leak"
    page.save_revision()
    return page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_hidden", [scheduled, draft, unpublished, private, draft_edit_of_a_live_story]
)
def test_is_never_found(client, us_section, make_hidden):
    story = make_hidden(us_section)
    for params in ({"q": SECRET}, {"q": "budget leak"}, {"section": us_section.pk}):
        html = client.get("/search/", params).content.decode()
        assert not any(SECRET in headline for headline in found(html)), params
        assert f'href="{story.url}"' not in html or story.live, params
