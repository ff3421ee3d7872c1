"""Fixtures every app's tests share: the sections of a small newsroom."""

import pytest

from newsdesk.news.tests.factories import SectionFactory


@pytest.fixture
def news(db):
    return SectionFactory(title="News", slug="news")


@pytest.fixture
def us_section(news):
    return SectionFactory(title="U.S.", slug="us", parent=news)


@pytest.fixture
def opinion(db):
    return SectionFactory(title="Opinion", slug="opinion")
