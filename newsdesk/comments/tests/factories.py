from datetime import timedelta

import factory
from django.urls import reverse
from django.utils import timezone

from newsdesk.comments.form_tokens import issue_form_token
from newsdesk.comments.models import Comment, CommentPolicy
from newsdesk.comments.text import fingerprint
from newsdesk.news.tests.factories import ArticleFactory


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved top-level comment; pass parent= for a reply (page, thread, depth follow)."""

    parent = None
    page = factory.LazyAttribute(lambda c: c.parent.page if c.parent else ArticleFactory())
    thread_id = factory.LazyAttribute(
        lambda c: (c.parent.thread_id or c.parent.pk) if c.parent else None
    )
    depth = factory.LazyAttribute(lambda c: c.parent.depth + 1 if c.parent else 0)
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.Sequence(lambda n: f"reader{n}@example.org")
    body = factory.Sequence(lambda n: f"A considered point about the sea wall, number {n}.")
    state = Comment.State.APPROVED
    created_at = factory.LazyFunction(timezone.now)
    ip_address = "192.0.2.10"
    fingerprint = factory.LazyAttribute(lambda c: fingerprint(c.body))

    class Meta:
        model = Comment


class CommentPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentPolicy


def served_form_token(article, seconds_ago=0):
    """A form token as the comments page gives it, served that many seconds ago."""
    return issue_form_token(article, issued_at=timezone.now() - timedelta(seconds=seconds_ago))


def comment_form(article, **fields):
    """What the comment form posts, with a form token as the page would give."""
    data = {
        "body": "The sea wall vote was overdue; the lower town has flooded twice.",
        "author_name": "Ada Reader",
        "author_email": "ada@example.org",
        "form_token": served_form_token(article),
        "website": "",
        "parent": "",
    }
    data.update(fields)
    return data


def post_comment(client, article, *, json=False, address="198.51.100.7", **fields):
    headers = {"Accept": "application/json"} if json else {}
    return client.post(
        reverse("comments:post", args=[article.pk]),
        comment_form(article, **fields),
        headers=headers,
        REMOTE_ADDR=address,
    )
