import pytest
from django.core.cache import cache
from django.test import override_settings

from newsdesk.news.tests.factories import ArticleFactory, SectionFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    # Rate limits count in the cache; each test starts with none used.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_wait():
    """Readers in tests type instantly; the minimum time to submit is tested on its own."""
    with override_settings(NEWSDESK_COMMENTS_MIN_SUBMIT_SECONDS=0):
        yield


@pytest.fixture
def section(db):
    return SectionFactory(title="News", slug="news")


@pytest.fixture
def article(section):
    return ArticleFactory(parent=section, title="Harbour council votes on the sea wall")
