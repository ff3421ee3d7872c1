from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from newsdesk.news.tests.factories import SectionFactory
from newsdesk.users.roles import CONTRIBUTORS, EDITORS, assign_desk

from .desks import Desk


@pytest.fixture
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            "races on one page need PostgreSQL's row locks and concurrent writers: "
            "run with DATABASE_URL=postgres://root@127.0.0.1:5432/test"
        )


@pytest.fixture
def people(django_user_model):
    """A section, a contributor who writes in it and two editors."""
    section = SectionFactory(title="Harbour", slug="harbour")
    contributors, editors = Group.objects.get(name=CONTRIBUTORS), Group.objects.get(name=EDITORS)
    assign_desk(contributors, section)

    def person(username, group):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", "pw", first_name=username.title()
        )
        user.groups.add(group)
        return user

    return SimpleNamespace(
        section=section,
        author=person("aisha", contributors),
        editor=person("bruno", editors),
        other_editor=person("chen", editors),
    )


@pytest.fixture
def newsroom(live_server, people):
    """The same people, each at a browser on the live server."""
    return SimpleNamespace(
        section=people.section,
        author=Desk(live_server.url, people.author),
        editor=Desk(live_server.url, people.editor),
        other_editor=Desk(live_server.url, people.other_editor),
    )
