"""Site search: what it finds, how filters narrow it, how it sorts and pages, and what
each result shows."""

import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.news.tests.factories import ArticleFactory

from .pages import found, notices, summary


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def kickers(html):
    return re.findall(r'<p class="kicker[^"]*">.*?</p>', html)


@pytest.mark.django_db
class TestFinding:
    def test_finds_words_in_titles_standfirsts_and_bodies(self, client, newsroom_stories):
        assert set(found(search(client, q="harbour"))) == {
            "Harbour council votes on the sea wall",
            "Ferries run all night while the bridge is shut",
            "The harbour deserves better than a wall",
        }
        assert found(search(client, q="winters")) == ["Harbour council votes on the sea wall"]

    def test_every_word_must_match(self, client, newsroom_stories):
        assert found(search(client, q="harbour ferry")) == [
            "Ferries run all night while the bridge is shut"
        ]

    def test_case_does_not_matter(self, client, newsroom_stories):
        assert found(search(client, q="MUSEUM")) == ["Museum reopens its doors"]

    def test_finds_stories_by_their_authors_names(self, client, newsroom_stories):
        by_tomas = set(found(search(client, q="Berg")))
        assert "Ferries run all night while the bridge is shut" in by_tomas
        assert "Museum reopens its doors" not in by_tomas

    def test_nothing_found_says_so(self, client, newsroom_stories):
        html = search(client, q="volcano")
        assert found(html) == []
        assert summary(html) == "No stories match “volcano”."

    def test_without_words_or_filters_the_page_invites_a_search(self, client, newsroom_stories):
        html = search(client)
        assert found(html) == []
        assert "Search every story by its words" in html


@pytest.mark.django_db
class TestFilters:
    def test_by_section_with_its_subsections(self, client, news, newsroom_stories):
        assert set(found(search(client, q="harbour", section=news.pk))) == {
            "Harbour council votes on the sea wall",
            "Ferries run all night while the bridge is shut",
        }

    def test_by_author(self, client, newsroom_stories):
        assert set(found(search(client, q="harbour", author="tomas-berg"))) == {
            "Ferries run all night while the bridge is shut",
            "The harbour deserves better than a wall",
        }

    def test_by_type(self, client, newsroom_stories):
        assert found(search(client, q="harbour", type="opinion")) == [
            "The harbour deserves better than a wall"
        ]

    def test_by_dates_including_both_ends(self, client, newsroom_stories):
        html = search(
            client, q="harbour", published_after="2026-03-04", published_before="2026-03-06"
        )
        assert set(found(html)) == {
            "Ferries run all night while the bridge is shut",
            "The harbour deserves better than a wall",
        }

    def test_filters_alone_list_stories_newest_first(self, client, newsroom_stories):
        html = search(client, author="tomas-berg")
        assert found(html) == [
            "City budget passes after a long night",
            "The harbour deserves better than a wall",
            "Ferries run all night while the bridge is shut",
        ]
        assert summary(html) == "3 stories with these filters."

    def test_the_form_keeps_what_was_chosen(self, client, news, newsroom_stories):
        html = search(client, q="harbour", section=news.pk, type="opinion", sort="newest")
        assert 'value="harbour"' in html
        assert f'<option value="{news.pk}" selected>' in html
        assert '<option value="opinion" selected>' in html
        assert '<option value="newest" selected>' in html


@pytest.mark.django_db
class TestOrderAndPages:
    def test_newest_first_on_request(self, client, newsroom_stories):
        assert found(search(client, q="harbour", sort="newest")) == [
            "The harbour deserves better than a wall",
            "Ferries run all night while the bridge is shut",
            "Harbour council votes on the sea wall",
        ]

    def test_best_match_first_by_default(self, client, newsroom_stories, us_section):
        ArticleFactory(parent=us_section, title="Harbour harbour harbour: the harbour at last")
        html = search(client, q="harbour")
        assert found(html)[0] == "Harbour harbour harbour: the harbour at last"
        assert summary(html) == "4 stories match “harbour”. Best match first."

    def test_too_many_matches_to_rank_come_newest_first(self, client, newsroom_stories, settings):
        settings.NEWSDESK_SEARCH_MAX_RANKED_MATCHES = 2
        html = search(client, q="harbour")
        assert found(html) == [
            "The harbour deserves better than a wall",
            "Ferries run all night while the bridge is shut",
            "Harbour council votes on the sea wall",
        ]
        assert summary(html) == "3 stories match “harbour”. Newest first."
        assert notices(html) == [
            "More than 2 stories match, too many to sort by best match, so the newest come "
            "first. More words narrow the search."
        ]
        assert notices(search(client, q="harbour wall")) == []  # two matches: ranked

    def test_pages_keep_the_search_and_filters(self, client, us_section, settings):
        settings.NEWSDESK_SEARCH_RESULTS_PER_PAGE = 2
        for number in range(5):
            ArticleFactory(parent=us_section, title=f"Tide table {number}")
        first = search(client, q="tide", sort="newest", section=us_section.pk)
        assert "Page 1 of 3" in first
        next_link = re.search(r'rel="next" href="([^"]+)"', first).group(1)
        assert next_link == f"?q=tide&amp;sort=newest&amp;section={us_section.pk}&amp;page=2"
        second = client.get("/search/" + next_link.replace("&amp;", "&")).content.decode()
        assert "Page 2 of 3" in second
        assert not set(found(first)) & set(found(second))


@pytest.mark.django_db
class TestEachResult:
    def test_marks_the_words_found(self, client, newsroom_stories):
        html = search(client, q="ferry harbour")
        assert "<mark>Ferries</mark>" not in html  # "ferry" is not a prefix of "ferries"
        assert "The <mark>harbour</mark> <mark>ferry</mark> will run every ten minutes." in html

    def test_a_news_story_is_labelled_with_its_section_as_teasers_are(
        self, client, newsroom_stories
    ):
        html = search(client, q="winters")
        assert kickers(html) == ['<p class="kicker kicker--news">U.S.</p>']
        assert "By Ana Ruiz ·" in html

    def test_an_editorial_label_replaces_the_section(self, client, us_section, newsroom_stories):
        ArticleFactory(
            parent=us_section,
            title="Why the winters got wetter",
            kicker="analysis",
            published_at=datetime(2026, 3, 3, 9, 0, tzinfo=UTC),
        )
        html = search(client, q="winters", sort="newest")
        assert kickers(html) == [
            '<p class="kicker kicker--analysis">Analysis</p>',
            '<p class="kicker kicker--news">U.S.</p>',
        ]

    def test_an_opinion_piece_is_labelled_opinion_once(self, client, newsroom_stories):
        html = search(client, q="deserves")
        assert kickers(html) == ['<p class="kicker kicker--opinion">Opinion</p>']
        assert "By Ana Ruiz and Tomás Berg" in html

    def test_the_date_is_the_reader_time_teasers_show(self, client, newsroom_stories):
        html = search(client, q="winters")
        # This year's stories by day and month, earlier ones with the year.
        assert re.search(
            r'<time datetime="2026-03-02T09:00:00\+00:00">2 Mar( 2026)?</time>', html
        ), html

    def test_a_story_published_today_shows_its_time(self, client, us_section):
        ArticleFactory(parent=us_section, title="Tide turns early", published_at=timezone.now())
        html = search(client, q="tide")
        assert re.search(r'<time datetime="[^"]+" data-day="[^"]+" data-ago>\d\d:\d\d</time>', html)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_results(client, us_section, ana, tomas):
    def count(query):
        client.get("/search/", {"q": query})  # the first view fills the caches
        with CaptureQueriesContext(connection) as queries:
            client.get("/search/", {"q": query})
        return len(queries)

    ArticleFactory(parent=us_section, title="Storm one", authors=[ana, tomas])
    few = count("storm")
    for number in range(8):
        ArticleFactory(parent=us_section, title=f"Storm {number}", authors=[ana, tomas])
    assert count("storm") == few
