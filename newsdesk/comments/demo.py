"""Demo comments for the demo newsroom: a few threads per article, with replies, a
newsroom reply and one comment awaiting moderation, so every screen has something on it.

The demo loader calls add_demo_comments(articles); it is deterministic, so two loads
make the same site.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import Comment
from .text import fingerprint

READERS = [
    ("Mara Quinlan", "mara.q@example.org"),
    ("Dev Patel", "dev.patel@example.net"),
    ("Ingrid Solberg", "ingrid@example.com"),
    ("Tomás Ruiz", "truiz@example.org"),
    ("Amara Okafor", "amara.okafor@example.net"),
    ("Hiroshi Tanaka", "h.tanaka@example.com"),
    ("Jo Whitfield", "jo.w@example.org"),
    ("Lena Fischer", "lena.fischer@example.net"),
]

THREADS = [
    (
        "This is the clearest explanation I've read of what is actually being decided. "
        "Thank you for laying out the numbers instead of just the quotes.",
        [
            "Agreed. The table of costs by year was the part I needed.",
            "Same here, though I'd like to know where the 2019 estimate came from.",
        ],
    ),
    (
        "I live two streets from the site and nobody has asked residents anything. "
        "A consultation that runs over the summer holidays is not a consultation.",
        [
            "The notice was in the library and online since May, for what it's worth: "
            "https://example.org/consultations",
        ],
    ),
    (
        "Good reporting, but the headline oversells it a little. The vote is on whether to "
        "study the plan, not on the plan itself.",
        [],
    ),
    (
        "Does anyone know whether the meeting next week is open to the public?\n\n"
        "I couldn't find it on the council calendar.",
        [],
    ),
]

NEWSROOM_REPLY = (
    "Thanks for asking. The meeting is public and starts at 7pm; we'll link the agenda "
    "in the story as soon as it is published."
)
PENDING = "First time commenting. I think the piece leaves out the cost to small businesses."


def add_demo_comments(articles, now=None):
    """Add demo comments to each article that has none yet; returns how many were made."""
    now = now or timezone.now()
    made = 0
    with transaction.atomic():
        for index, article in enumerate(articles):
            if Comment.objects.filter(page=article).exists():
                continue
            # An hour after publication, but never in the future, however new the story.
            start = min(
                (article.first_published_at or now) + timedelta(hours=1), now - timedelta(hours=8)
            )
            made += _add_threads(article, index, start)
    return made


def _add_threads(article, index, start):
    made = 0
    threads = THREADS[: len(THREADS) - index % len(THREADS)]  # the first article gets them all
    for number, (text, replies) in enumerate(threads):
        root = _comment(
            article, text, reader=index + number, at=start + timedelta(minutes=37 * number)
        )
        made += 1
        parent = root
        for depth, reply in enumerate(replies, start=1):
            parent = _comment(
                article,
                reply,
                reader=index + number + depth,
                at=root.created_at + timedelta(minutes=11 * depth),
                parent=parent,
            )
            made += 1
        if number == 3:
            _comment(
                article,
                NEWSROOM_REPLY,
                at=root.created_at + timedelta(hours=2),
                parent=root,
                newsroom=True,
            )
            made += 1
    _comment(
        article,
        PENDING,
        reader=index + 5,
        at=start + timedelta(hours=5),
        state=Comment.State.PENDING,
    )
    return made + 1


def _comment(
    article, text, *, at, reader=0, parent=None, newsroom=False, state=Comment.State.APPROVED
):
    name, email = ("The Newsdesk", "") if newsroom else READERS[reader % len(READERS)]
    return Comment.objects.create(
        page=article,
        parent=parent,
        thread_id=(parent.thread_id or parent.pk) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        author_name=name,
        author_email=email,
        body=text,
        state=state,
        is_newsroom_reply=newsroom,
        held_for=["Pre-moderated section"] if state == Comment.State.PENDING else [],
        fingerprint=fingerprint(text),
        created_at=at,
    )
