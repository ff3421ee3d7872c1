"""Fixtures of the feeds tests. The sections (news, us_section, opinion) come from
newsdesk/conftest.py, the factories from newsdesk/news/tests/factories.py."""

from datetime import UTC, datetime

import pytest
from wagtail.models import Site

from newsdesk.core.models import NewsroomSettings
from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory

PUBLISHED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def newsroom(db):
    return NewsroomSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def reporters(db):
    return [
        AuthorFactory(name="Ana Ruiz", slug="ana-ruiz", x_handle="anaruiz"),
        AuthorFactory(name="Tomás Berg", slug="tomas-berg"),
    ]


@pytest.fixture
def story(us_section, reporters):
    """A story in News > U.S. with two authors, two topics and a lead photo (its
    renditions made, as the worker makes them on upload)."""
    page = ArticleFactory(
        parent=us_section,
        lead_image__renditions=True,
        title="Harbour council votes on the sea wall",
        slug="sea-wall-vote",
        authors=reporters,
        published_at=PUBLISHED,
    )
    page.tags.add("flooding", "local government")
    page.save()
    return page
