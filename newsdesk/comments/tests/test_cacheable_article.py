"""The article page stays cacheable: its HTML is the same for every anonymous reader, and
everything that changes or is per reader comes from the comment URLs."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsdesk.comments.models import Comment

from .factories import CommentFactory, post_comment

pytestmark = pytest.mark.django_db


def test_the_article_html_is_the_same_for_every_reader_and_carries_no_comment(article, no_wait):
    first_reader, second_reader = Client(), Client()
    CommentFactory(page=article, body="An approved comment.")
    # One reader has posted a pending comment and holds the own-comments cookie.
    post_comment(first_reader, article, body="Mine, awaiting moderation.")

    first = first_reader.get(article.url)
    second = second_reader.get(article.url)

    assert first.content == second.content
    html = first.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert "An approved comment." not in html
    assert "awaiting moderation" not in html.lower()
    assert first.get("Vary") == second.get("Vary")
    assert not first.cookies and not second.cookies


def test_the_article_links_its_comment_urls_and_works_without_javascript(client, article):
    html = client.get(article.url).content.decode()
    assert 'href="#comments"' in html
    assert f'data-comments-count="/comments/article/{article.pk}/count/"' in html
    assert '<section id="comments"' in html
    assert f'data-comments-src="/comments/article/{article.pk}/fragment/"' in html
    assert f'href="/comments/article/{article.pk}/"' in html  # the no-JS way in
    assert '<script src="/static/comments/comments.js" defer></script>' in html


def test_comments_add_no_queries_to_the_article_page(client, article):
    client.get(article.url)
    cache.clear()
    with CaptureQueriesContext(connection) as without:
        client.get(article.url)
    CommentFactory.create_batch(5, page=article)
    cache.clear()
    with CaptureQueriesContext(connection) as with_comments:
        client.get(article.url)
    assert len(with_comments) == len(without)


def test_per_reader_comment_urls_are_never_stored_by_caches(client, article, no_wait):
    for name in ("comments:thread", "comments:fragment"):
        response = client.get(reverse(name, args=[article.pk]))
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
    posted = post_comment(client, article)
    assert "no-store" in posted["Cache-Control"]


def test_the_count_is_the_same_for_everyone_so_caches_may_keep_it_briefly(client, article):
    CommentFactory.create_batch(3, page=article)
    CommentFactory(page=article, state=Comment.State.PENDING)
    CommentFactory(page=article, state=Comment.State.SPAM)

    response = client.get(reverse("comments:count", args=[article.pk]))

    assert response.json() == {"count": 3, "label": "3 Comments"}
    assert response["Cache-Control"] == "public, max-age=30"
    assert not response.cookies


def test_the_fragment_is_the_list_and_form_without_the_page_around_it(client, article):
    CommentFactory(page=article, body="Shown in the fragment.")
    html = client.get(reverse("comments:fragment", args=[article.pk])).content.decode()
    assert "<html" not in html
    assert "Shown in the fragment." in html
    assert "csrfmiddlewaretoken" in html
    assert "1 Comment" in html


def test_an_article_with_no_comments_shows_the_empty_state(client, article):
    html = client.get(reverse("comments:fragment", args=[article.pk])).content.decode()
    assert "0 Comments" in html
    assert "No comments yet. Start the conversation." in html
