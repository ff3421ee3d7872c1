"""What each role may and may not do, through the admin's real views."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from newsdesk.live.models import LiveChannel
from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.factories import ArticleFactory, article_form
from newsdesk.users.roles import CONTRIBUTORS, EDITOR_PAGE_PERMISSIONS, assign_desk

DENIED = {302, 403}


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def denied(response):
    """Wagtail answers a forbidden admin view with 403, or a redirect to the dashboard."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def settings_url():
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=("core", "newsroomsettings", site.pk))


@pytest.mark.django_db
class TestContributor:
    def test_writes_a_draft_in_an_assigned_section_and_submits_it(
        self, as_user, contributor, us_section
    ):
        client = as_user(contributor)
        data = article_form("Tram line reopens", slug="tram-line-reopens", **{"action-submit": "1"})
        response = client.post(add_url(us_section), data)
        assert response.status_code == 302
        page = ArticlePage.objects.get(slug="tram-line-reopens")
        assert not page.live
        assert page.owner == contributor
        assert page.current_workflow_state.status == "in_progress"

    def test_cannot_write_in_a_section_not_assigned(self, as_user, contributor, business):
        client = as_user(contributor)
        assert denied(client.get(add_url(business)))
        client.post(add_url(business), article_form("Off desk", slug="off-desk"))
        assert not ArticlePage.objects.filter(slug="off-desk").exists()

    def test_cannot_publish(self, as_user, contributor, us_section):
        client = as_user(contributor)
        data = article_form("Straight to print", slug="straight", **{"action-publish": "1"})
        client.post(add_url(us_section), data)
        assert not ArticlePage.objects.filter(slug="straight", live=True).exists()

    def test_cannot_edit_someone_elses_published_story(
        self, as_user, contributor, editor, us_section
    ):
        story = ArticleFactory(parent=us_section, owner=editor)
        client = as_user(contributor)
        assert denied(client.get(edit_url(story)))
        response = client.post(edit_url(story), article_form("Rewritten", slug=story.slug))
        assert denied(response)
        story.refresh_from_db()
        assert story.title != "Rewritten"

    def test_cannot_unpublish_or_delete(self, as_user, contributor, us_section):
        story = ArticleFactory(parent=us_section, owner=contributor)
        client = as_user(contributor)
        client.post(reverse("wagtailadmin_pages:unpublish", args=(story.pk,)))
        client.post(reverse("wagtailadmin_pages:delete", args=(story.pk,)))
        assert ArticlePage.objects.get(pk=story.pk).live


@pytest.mark.django_db
class TestEditor:
    def test_approves_a_submitted_story_and_it_goes_live(
        self, as_user, contributor, editor, us_section
    ):
        as_user(contributor).post(
            add_url(us_section),
            article_form("Bridge reopens", slug="bridge-reopens", **{"action-submit": "1"}),
        )
        page = ArticlePage.objects.get(slug="bridge-reopens")
        task_state = page.current_workflow_state.current_task_state
        client = as_user(editor)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
        )
        response = client.post(url, {"comment": "Good to go."})
        assert response.status_code in {200, 302}
        page.refresh_from_db()
        assert page.live

    def test_publishes_unpublishes_and_edits_anyones_story(
        self, as_user, contributor, editor, us_section
    ):
        story = ArticleFactory(parent=us_section, owner=contributor)
        client = as_user(editor)
        data = article_form("Edited by the desk", slug=story.slug, **{"action-publish": "1"})
        assert client.post(edit_url(story), data).status_code == 302
        story.refresh_from_db()
        assert story.title == "Edited by the desk"
        client.post(reverse("wagtailadmin_pages:unpublish", args=(story.pk,)))
        story.refresh_from_db()
        assert not story.live

    def test_schedules_a_story(self, as_user, editor, us_section):
        client = as_user(editor)
        go_live = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
        data = article_form(
            "Embargoed report", slug="embargoed", go_live_at=go_live, **{"action-publish": "1"}
        )
        assert client.post(add_url(us_section), data).status_code == 302
        page = ArticlePage.objects.get(slug="embargoed")
        assert not page.live
        assert page.scheduled_revision is not None

    @pytest.mark.parametrize("code", ["en", "es"])
    def test_runs_the_live_channels_of_each_edition(self, as_user, editor, contributor, code):
        data = {
            "name": "Evening Live",
            "slug": "evening",
            "locale": str(Locale.objects.get(language_code=code).pk),
            "stream_url": "https://streams.example.org/evening/index.m3u8",
            "sort_order": "0",
            "programmes-TOTAL_FORMS": "0",
            "programmes-INITIAL_FORMS": "0",
            "programmes-MIN_NUM_FORMS": "0",
            "programmes-MAX_NUM_FORMS": "1000",
        }
        add = reverse("live_channels:add")
        assert denied(as_user(contributor).post(add, data))
        assert not LiveChannel.objects.exists()
        response = as_user(editor).post(add, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        channel = LiveChannel.objects.get()
        assert (channel.name, channel.locale.language_code) == ("Evening Live", code)
        edit = reverse("live_channels:edit", args=(channel.pk,))
        assert denied(as_user(contributor).post(edit, data | {"name": "Not theirs"}))
        channel.refresh_from_db()
        assert channel.name == "Evening Live"

    def test_cannot_manage_users_or_site_settings(self, as_user, editor):
        client = as_user(editor)
        assert denied(client.get(reverse("wagtailusers_users:index")))
        assert denied(client.get(settings_url()))


@pytest.fixture
def desk_editor(django_user_model, us_section):
    """An editor of the U.S. desk only: Contributors' admin rights, editing rights on U.S."""
    user = django_user_model.objects.create_user("uma", "uma@example.com", "pw")
    desk = Group.objects.create(name="U.S. desk editors")
    assign_desk(desk, us_section, EDITOR_PAGE_PERMISSIONS)
    user.groups.add(Group.objects.get(name=CONTRIBUTORS), desk)
    return user


@pytest.mark.django_db
class TestDeskEditor:
    def test_publishes_and_unpublishes_in_their_section(self, as_user, desk_editor, us_section):
        client = as_user(desk_editor)
        data = article_form("Desk story", slug="desk-story", **{"action-publish": "1"})
        assert client.post(add_url(us_section), data).status_code == 302
        story = ArticlePage.objects.get(slug="desk-story")
        assert story.live
        client.post(reverse("wagtailadmin_pages:unpublish", args=(story.pk,)))
        story.refresh_from_db()
        assert not story.live

    def test_cannot_publish_or_edit_in_another_section(
        self, as_user, desk_editor, editor, business
    ):
        story = ArticleFactory(parent=business, owner=editor)
        client = as_user(desk_editor)
        assert denied(client.get(add_url(business)))
        assert denied(client.get(edit_url(story)))
        client.post(reverse("wagtailadmin_pages:unpublish", args=(story.pk,)))
        assert ArticlePage.objects.get(pk=story.pk).live


@pytest.mark.django_db
class TestAdmin:
    def test_manages_users_sections_and_settings(self, as_user, admin_user, news):
        client = as_user(admin_user)
        assert client.get(reverse("wagtailusers_users:index")).status_code == 200
        assert client.get(settings_url()).status_code == 200
        home = Page.objects.get(depth=2)
        add_section = reverse("wagtailadmin_pages:add", args=("news", "sectionpage", home.pk))
        assert client.get(add_section).status_code == 200
