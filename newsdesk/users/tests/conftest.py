import pytest
from django.contrib.auth.models import Group

from newsdesk.news.tests.factories import SectionFactory
from newsdesk.users.roles import MODERATORS


@pytest.fixture
def business(db):
    return SectionFactory(title="Business", slug="business")


@pytest.fixture
def admin_user(django_user_model, db):
    return django_user_model.objects.create_superuser("ada", "ada@example.com", "pw")


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def moderator(django_user_model, db):
    user = django_user_model.objects.create_user("mona", "mona@example.com", "pw")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user
