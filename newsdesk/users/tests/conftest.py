import pytest
from django.contrib.auth.models import Group

from newsdesk.news.tests.factories import SectionFactory
from newsdesk.users.roles import CONTRIBUTORS, EDITORS, assign_desk


@pytest.fixture
def business(db):
    return SectionFactory(title="Business", slug="business")


@pytest.fixture
def contributor(django_user_model, news):
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
def admin_user(django_user_model, db):
    return django_user_model.objects.create_superuser("ada", "ada@example.com", "pw")


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login
