"""Canonical URLs name each page once, and a story whose URL changes leaves a permanent
redirect behind at the old one (Wagtail's redirects app), so no link ever breaks."""

import re

import pytest

from newsdesk.news.tests.factories import ArticleFactory, SectionFactory


def canonical(client, url):
    html = client.get(url).content.decode()
    found = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    assert len(found) <= 1, found
    return found[0] if found else None


@pytest.mark.django_db
class TestCanonical:
    def test_a_story_is_canonical_at_its_own_url(self, client, story):
        assert canonical(client, story.url + "?utm_source=newsletter") == story.full_url

    def test_listings_keep_their_page_number_and_nothing_else(self, client, us_section):
        ArticleFactory.create_batch(21, parent=us_section)
        assert canonical(client, us_section.url) == us_section.full_url
        assert canonical(client, us_section.url + "?page=2&utm_medium=x") == (
            us_section.full_url + "?page=2"
        )

    def test_author_and_topic_pages(self, client, story):
        assert canonical(client, "/authors/ana-ruiz/?ref=x") == "http://localhost/authors/ana-ruiz/"
        assert canonical(client, "/topics/flooding/") == "http://localhost/topics/flooding/"

    def test_the_search_page_has_none_and_is_not_indexed(self, client, story):
        html = client.get("/search/?q=harbour").content.decode()
        assert 'rel="canonical"' not in html
        assert '<meta name="robots" content="noindex, follow">' in html


@pytest.mark.django_db
class TestRedirects:
    def test_a_new_slug_leaves_a_permanent_redirect(
        self, client, story, django_capture_on_commit_callbacks
    ):
        old_url = story.url
        story.slug = "sea-wall-vote-delayed"
        # Wagtail announces the new slug once the edit is committed.
        with django_capture_on_commit_callbacks(execute=True):
            story.save_revision().publish()
        response = client.get(old_url)
        assert response.status_code == 301
        assert response["Location"].endswith("/news/us/sea-wall-vote-delayed/")
        assert client.get(response["Location"]).status_code == 200

    def test_a_move_to_another_section_leaves_a_permanent_redirect(self, client, story):
        old_url = story.url
        sport = SectionFactory(title="Sport", slug="sport")
        story.move(sport, pos="last-child")
        response = client.get(old_url)
        assert response.status_code == 301
        assert response["Location"].endswith("/sport/sea-wall-vote/")
        assert client.get(response["Location"]).status_code == 200

    def test_a_renamed_section_redirects_the_stories_inside_it(
        self, client, us_section, story, django_capture_on_commit_callbacks
    ):
        old_url = story.url
        us_section.slug = "united-states"
        with django_capture_on_commit_callbacks(execute=True):
            us_section.save_revision().publish()
        response = client.get(old_url)
        assert response.status_code == 301
        assert response["Location"].endswith("/news/united-states/sea-wall-vote/")


@pytest.mark.django_db
def test_a_story_without_a_slug_gets_a_clean_one_from_its_headline(us_section):
    from newsdesk.news.models import ArticlePage

    first = us_section.add_child(instance=ArticlePage(title="Q&A: Why the £4m WALL?  Owners speak"))
    second = us_section.add_child(
        instance=ArticlePage(title="Q&A: Why the £4m WALL?  Owners speak")
    )
    assert first.slug == "qa-why-the-4m-wall-owners-speak"
    assert second.slug == "qa-why-the-4m-wall-owners-speak-2"  # unique within the section
    assert first.url == "/news/us/qa-why-the-4m-wall-owners-speak/"
