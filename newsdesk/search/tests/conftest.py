"""Fixtures of the search tests: a small newsroom whose stories are told apart by their
words. The sections (news, us_section, opinion) come from newsdesk/conftest.py, the
factories from newsdesk/news/tests/factories.py."""

from datetime import UTC, datetime

import pytest

from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory


def story(parent, title, *, day, authors=(), kicker="news", standfirst="", body="Words."):
    # A body of our own: the factory's quotes a "Harbour Master", which every search would find.
    return ArticleFactory(
        parent=parent,
        title=title,
        kicker=kicker,
        standfirst=standfirst,
        authors=list(authors),
        published_at=datetime(2026, 3, day, 9, 0, tzinfo=UTC),
        body=[("paragraph", f"<p>{body}</p>")],
    )


@pytest.fixture
def ana(db):
    return AuthorFactory(name="Ana Ruiz", slug="ana-ruiz")


@pytest.fixture
def tomas(db):
    return AuthorFactory(name="Tomás Berg", slug="tomas-berg")


@pytest.fixture
def newsroom_stories(news, us_section, opinion, ana, tomas):
    """Five stories: three about the harbour, in three sections, on five days."""
    return {
        "wall": story(
            us_section,
            "Harbour council votes on the sea wall",
            day=2,
            authors=[ana],
            standfirst="The vote follows two winters of flooding.",
        ),
        "ferry": story(
            news,
            "Ferries run all night while the bridge is shut",
            day=4,
            authors=[tomas],
            body="The harbour ferry will run every ten minutes.",
        ),
        "column": story(
            opinion,
            "The harbour deserves better than a wall",
            day=6,
            authors=[ana, tomas],
            kicker="opinion",
        ),
        "budget": story(news, "City budget passes after a long night", day=8, authors=[tomas]),
        "museum": story(us_section, "Museum reopens its doors", day=10),
    }
