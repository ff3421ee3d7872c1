import pytest
from django.core.cache import caches
from django.test import override_settings
from wagtail.models import Site

from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory


@pytest.fixture
def story(us_section):
    return ArticleFactory(parent=us_section, title="Sea wall vote")


@pytest.fixture
def ana(db):
    return AuthorFactory(name="Ana Ruiz", slug="ana-ruiz")


@pytest.fixture
def ben(db):
    return AuthorFactory(name="Ben Ode", slug="ben-ode")


@pytest.fixture
def fragments():
    """Fragments and remembered routes on, the page cache off: every request is rendered
    by Django, from whatever fragments it finds (the test settings keep them all off)."""
    with override_settings(NEWSDESK_CACHE_FRAGMENTS=True, NEWSDESK_CACHE_ROUTES=True):
        caches["pages"].clear()
        yield caches["pages"]
        caches["pages"].clear()


@pytest.fixture
def site_root_paths():
    """Wagtail keeps the sites' root paths in the default cache, which outlives the
    test's transaction: forget them after a test that changes a site."""
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture(autouse=True)
def closed_breaker():
    """Every test starts with the database breaker closed (it is per process)."""
    from newsdesk.caching.outage import breaker

    breaker.close()
    yield breaker
    breaker.close()
