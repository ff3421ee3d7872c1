import factory
from django.urls import reverse
from django.utils import timezone

from newsdesk.comments.models import Comment, CommentPolicy
from newsdesk.comments.spam import form_started_token
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


def comment_form(**fields):
    """What the comment form posts, with a form-started token as the page would give."""
    data = {
        "body": "The sea wall vote was overdue; the lower town has flooded twice.",
        "author_name": "Ada Reader",
        "author_email": "ada@example.org",
        "started": form_started_token(),
        "website": "",
        "parent": "",
    }
    data.update(fields)
    return data


def post_comment(client, article, *, json=False, address="198.51.100.7", **fields):
    headers = {"Accept": "application/json"} if json else {}
    return client.post(
        reverse("comments:post", args=[article.pk]),
        comment_form(**fields),
        headers=headers,
        REMOTE_ADDR=address,
    )
