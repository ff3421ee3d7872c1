"""Fixtures every app's tests share: the sections of a small newsroom and its people."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import override_settings

from newsdesk.news.tests.factories import SectionFactory
from newsdesk.users.roles import CONTRIBUTORS, EDITORS, assign_desk


@pytest.fixture
def news(db):
    return SectionFactory(title="News", slug="news")


@pytest.fixture
def us_section(news):
    return SectionFactory(title="U.S.", slug="us", parent=news)


@pytest.fixture
def opinion(db):
    return SectionFactory(title="Opinion", slug="opinion")


@pytest.fixture
def contributor(django_user_model, news):
    """A contributor of the News desk."""
    user = django_user_model.objects.create_user("cora", "cora@example.com", "pw")
    desk = Group.objects.create(name="News desk")
    assign_desk(desk, news)
    user.groups.add(Group.objects.get(name=CONTRIBUTORS), desk)
    return user


@pytest.fixture
def editor(django_user_model, db):
    user = django_user_model.objects.create_user("eddie", "eddie@example.com", "pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def page_cache():
    """The page cache on (the test settings keep it off), empty."""
    with override_settings(NEWSDESK_CACHE_ENABLED=True):
        caches["pages"].clear()
        yield caches["pages"]
        caches["pages"].clear()


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Runs what is deferred to the commit (purges) when the block ends, as a real
    commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
