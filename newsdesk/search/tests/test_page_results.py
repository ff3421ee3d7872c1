"""Pages that are not stories, above the first page of results: a reader who searches
for "corrections" or "ethics" finds the newsroom's page, and a section by its name."""

import re

import pytest
from wagtail.models import PageViewRestriction

from newsdesk.about.tests.factories import InfoPageFactory

from .conftest import story
from .pages import found

pytestmark = pytest.mark.django_db


def pages_found(html):
    box = re.search(r'<section class="search-pages".*?</section>', html, re.S)
    return re.findall(r'<a href="[^"]*" dir="auto">(.*?)</a>', box.group(0)) if box else []


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_policy_page_holding_every_word_is_shown(client, news):
    InfoPageFactory(title="Ethics policy", slug="ethics", intro="Sponsored content is labelled.")
    InfoPageFactory(title="Contact us", slug="contact", intro="Write to the desk.")
    story(news, "Sponsored bus shelters", day=2)

    html = search(client, q="sponsored")

    assert pages_found(html) == ["Ethics policy"]
    assert found(html) == ["Sponsored bus shelters"]


def test_a_section_is_found_by_its_name_but_never_a_story(client, news, opinion):
    story(opinion, "Opinion on the opinion pages", day=3)
    assert pages_found(search(client, q="opinion")) == ["Opinion"]


def test_pages_readers_may_not_see_are_not_shown(client, db):
    InfoPageFactory(title="Draft policy", slug="draft", live=False, intro="Harbour rules.")
    private = InfoPageFactory(title="Staff rules", slug="staff", intro="Harbour rules.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert pages_found(search(client, q="harbour rules")) == []


@pytest.mark.parametrize(
    "params",
    [
        {"q": "ethics", "page": "2"},
        {"q": "ethics", "type": "opinion"},
        {"q": "!!!"},
        {"q": ""},
    ],
)
def test_only_a_first_page_of_words_alone_shows_pages(client, news, params):
    InfoPageFactory(title="Ethics policy", slug="ethics")
    for day in range(1, 13):
        story(news, f"Ethics story {day}", day=day)
    assert pages_found(search(client, **params)) == []
