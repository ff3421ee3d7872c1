"""Pagination that holds at 5,000 comments on one article: a page of threads, its replies
in one query, a bounded number of queries whatever the size."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsdesk.comments.models import Comment
from newsdesk.comments.text import fingerprint

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

# The list and form alone (the fragment): the page restriction check, the article, the
# site, its comment settings, the comment rules, two counts, the threads, their replies.
MAX_QUERIES = 10


def many_comments(article, threads, replies_per_thread):
    """Comments made in bulk, one second apart, oldest first."""
    start = timezone.now() - timedelta(days=3)
    roots = Comment.objects.bulk_create(
        Comment(
            page=article,
            author_name=f"Reader {n}",
            author_email=f"r{n}@example.org",
            body=f"Thread {n}",
            state=Comment.State.APPROVED,
            created_at=start + timedelta(seconds=n * (replies_per_thread + 1)),
            fingerprint=fingerprint(f"Thread {n}"),
        )
        for n in range(threads)
    )
    Comment.objects.bulk_create(
        Comment(
            page=article,
            parent=root,
            thread=root,
            depth=1,
            author_name="Replier",
            author_email="replier@example.org",
            body=f"Reply {k} to {root.body}",
            state=Comment.State.APPROVED,
            created_at=root.created_at + timedelta(seconds=k + 1),
        )
        for root in roots
        for k in range(replies_per_thread)
    )
    return roots


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_five_thousand_comments_render_page_one_in_a_bounded_number_of_queries(client, article):
    many_comments(article, threads=1000, replies_per_thread=4)  # 5,000 comments
    assert Comment.objects.filter(page=article).count() == 5000

    url = reverse("comments:fragment", args=[article.pk])
    client.get(url)  # the first view of a site creates its settings rows
    count, html = queries_for(client, url)

    assert count <= MAX_QUERIES
    assert "5,000 Comments" in html
    assert "Thread 999" in html and "Reply 3 to Thread 999" in html  # newest thread first
    assert "Thread 979" not in html  # page 1 has 20 threads
    assert "Page 1 of 50" in html


def test_query_count_does_not_grow_with_the_number_of_comments(client, article):
    many_comments(article, threads=25, replies_per_thread=2)
    client.get(reverse("comments:thread", args=[article.pk]))
    few, _ = queries_for(client, reverse("comments:thread", args=[article.pk]))
    many_comments(article, threads=500, replies_per_thread=3)
    lots, _ = queries_for(client, reverse("comments:thread", args=[article.pk]))
    assert lots == few


def test_the_last_page_and_the_oldest_first_order(client, article):
    many_comments(article, threads=45, replies_per_thread=0)
    url = reverse("comments:thread", args=[article.pk])

    oldest = client.get(url, {"order": "oldest"}).content.decode()
    assert oldest.index("Thread 0<") < oldest.index("Thread 1<")
    last = client.get(url, {"page": 3}).content.decode()
    assert "Thread 0<" in last and "Thread 5<" not in last
    assert "Page 3 of 3" in last


def test_a_link_to_a_comment_opens_the_page_that_holds_it(client, article):
    roots = many_comments(article, threads=100, replies_per_thread=1)
    reply = Comment.objects.get(parent=roots[10])
    url = reverse("comments:thread", args=[article.pk])

    html = client.get(url, {"comment": reply.pk}).content.decode()

    # Newest first, 20 per page: thread 10 of 0..99 is the 90th newest, on page 5.
    assert "Page 5 of 5" in html
    assert f'id="comment-{reply.pk}"' in html


def test_a_hidden_reply_hides_the_replies_under_it(client, article):
    top = CommentFactory(page=article)
    removed = CommentFactory(parent=top, state=Comment.State.REJECTED, body="Removed.")
    orphan = CommentFactory(parent=removed, body="Under a removed comment.")
    html = client.get(reverse("comments:thread", args=[article.pk])).content.decode()
    assert f'id="comment-{top.pk}"' in html
    assert "Removed." not in html and orphan.body not in html


def test_replies_read_oldest_first_under_their_thread(client, article):
    top = CommentFactory(page=article)
    first = CommentFactory(parent=top, body="First reply.")
    CommentFactory(
        parent=top, body="Second reply.", created_at=first.created_at + timedelta(minutes=1)
    )
    html = client.get(reverse("comments:thread", args=[article.pk])).content.decode()
    assert html.index("First reply.") < html.index("Second reply.")
