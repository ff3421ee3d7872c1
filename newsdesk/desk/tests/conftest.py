"""The people of a small newsroom, and stories in a section some of them have no rights in."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from newsdesk.news.tests.factories import ArticleFactory, SectionFactory
from newsdesk.users.roles import CONTRIBUTORS, EDITOR_PAGE_PERMISSIONS, assign_desk


@pytest.fixture
def moderator(django_user_model, db):
    """A comment moderator: admin access and the moderation right, no page rights."""
    group = Group.objects.create(name="Comment moderators")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="comments", codename="moderate_comment"),
    )
    user = django_user_model.objects.create_user("mo", "mo@example.com", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def desk_editor(django_user_model, news):
    """A contributor who publishes in the News section only."""
    desk = Group.objects.create(name="News editors")
    assign_desk(desk, news, EDITOR_PAGE_PERMISSIONS)
    user = django_user_model.objects.create_user("dora", "dora@example.com", "pw")
    user.groups.add(Group.objects.get(name=CONTRIBUTORS), desk)
    return user


@pytest.fixture
def business(db):
    return SectionFactory(title="Business", slug="business")


@pytest.fixture
def draft_story(business):
    return ArticleFactory(parent=business, title="Zebrafinch merger talks collapse", live=False)


@pytest.fixture
def scheduled_story(business, editor):
    story = ArticleFactory(parent=business, title="Quokkabay bank to close branches", live=False)
    story.go_live_at = timezone.now() + timedelta(days=1)
    story.save_revision(user=editor).publish(user=editor)
    story.refresh_from_db()
    assert not story.live and story.scheduled_revision
    return story
