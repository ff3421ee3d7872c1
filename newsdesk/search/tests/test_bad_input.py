"""Odd queries and bad parameters give the normal page, with a notice where the reader
should know something was left out; never an error, never their markup."""

import pytest

from .pages import found, notices

ODD_QUERIES = [
    "",
    " ",
    "x" * 2000,
    "harbour " * 300,
    "!!!",
    "?*%_~^",
    '"unbalanced quote',
    "harbour OR NOT AND NEAR(wall)",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "%00\x00nul",
    "ü" * 50,
    "港口 防波堤",
    "مرفأ",
    "\u202eevil",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ODD_QUERIES, ids=range(len(ODD_QUERIES)))
def test_odd_queries_give_a_normal_page(client, newsroom_stories, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="search-form"' in html
    assert "<script>alert(1)" not in html
    assert "onerror=" not in html.replace("onerror=&quot;", "")


@pytest.mark.django_db
def test_markup_in_a_query_is_shown_as_text(client, newsroom_stories):
    html = client.get("/search/", {"q": "<b>harbour</b>"}).content.decode()
    assert "“&lt;b&gt;harbour&lt;/b&gt;”" in html
    assert "<b>harbour</b>" not in html
    assert "<mark>harbour</mark>" in html  # the word itself was still searched for


@pytest.mark.django_db
def test_a_long_query_is_cut_and_the_reader_told(client, newsroom_stories):
    html = client.get("/search/", {"q": "harbour " + "x" * 2000}).content.decode()
    assert notices(html) == ["Only the first 200 characters of your search were used."]


@pytest.mark.django_db
def test_punctuation_alone_is_no_search(client, newsroom_stories):
    html = client.get("/search/", {"q": "?!…"}).content.decode()
    assert notices(html) == ["Your search had no words in it to look for."]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"section": "99999"}, "There is no such section, so all sections are shown."),
        ({"section": "abc"}, "There is no such section, so all sections are shown."),
        ({"author": "nobody"}, "There is no such author, so all authors are shown."),
        ({"type": "obituary"}, "There is no such type of story, so all are shown."),
        ({"sort": "random"}, "Results are sorted by best match."),
        ({"published_after": "2026-02-30"}, "The start date is not a date, so it was left out."),
        ({"published_before": "yesterday"}, "The end date is not a date, so it was left out."),
        ({"published_after": "0001-01-01"}, "Dates before 1800 are left out."),
        ({"published_before": "9999-12-31"}, "Dates after 2999 are left out."),
        (
            {"published_after": "2026-03-05", "published_before": "2026-03-01"},
            "The end date is before the start date, so it was left out.",
        ),
        ({"page": "abc"}, "There is no page “abc” of results; this is the first."),
        ({"page": "999"}, "There is no page 999 of results; this is page 1."),
        ({"page": "-1"}, "There is no page -1 of results; this is page 1."),
    ],
)
def test_bad_parameters_are_dropped_with_a_notice(client, newsroom_stories, params, notice):
    response = client.get("/search/", {"q": "harbour", **params})
    assert response.status_code == 200
    html = response.content.decode()
    assert notices(html) == [notice]
    assert found(html)  # the search itself still ran


@pytest.mark.django_db
def test_a_section_from_outside_the_site_is_no_filter(client, newsroom_stories):
    from wagtail.models import Page

    root = Page.objects.get(depth=1)
    html = client.get("/search/", {"q": "harbour", "section": root.pk}).content.decode()
    assert notices(html) == ["There is no such section, so all sections are shown."]
