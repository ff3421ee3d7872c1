"""The newsroom at work: embargoes, corrections, the front page, revisions and audit."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry, Site

from newsdesk.core.models import BreakingNews
from newsdesk.news.models import (
    ArticleCorrection,
    ArticlePage,
    ArticleRelatedLink,
    HomePage,
    HomeTopStory,
)

from .factories import ArticleFactory, article_form


def schedule(page, when):
    page.go_live_at = when
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.com", "pw"))
    return client


@pytest.mark.django_db
class TestEmbargo:
    @pytest.fixture
    def embargoed(self, us_section):
        page = ArticleFactory(parent=us_section, title="Embargoed budget leak", live=False)
        return schedule(page, timezone.now() + timedelta(hours=3))

    def test_is_scheduled_not_live(self, embargoed):
        assert not embargoed.live
        assert embargoed.scheduled_revision is not None

    def test_is_invisible_to_readers_and_machines(self, client, embargoed, us_section):
        visible = ArticleFactory(parent=us_section, title="A visible story")
        visible.tags.add("budget")
        visible.save()
        embargoed.tags.add("budget")
        ArticleRelatedLink.objects.create(page=visible, story=embargoed)
        places = {
            "the story's own URL": client.get(f"{us_section.url}{embargoed.slug}/"),
            "its section": client.get(us_section.url),
            "the front page": client.get("/"),
            "the topic page": client.get("/topics/budget/"),
            "a related story": client.get(visible.url),
            "the API listing": client.get("/api/v2/pages/?type=news.ArticlePage"),
            "the API detail": client.get(f"/api/v2/pages/{embargoed.pk}/"),
        }
        leaks = [
            place
            for place, response in places.items()
            if b"Embargoed budget leak" in response.content
        ]
        assert not leaks
        assert places["the story's own URL"].status_code == 404
        assert places["the API detail"].status_code == 404

    def test_the_scheduler_publishes_once_the_time_has_come(self, embargoed):
        passed = timezone.now() - timedelta(seconds=5)  # as if the clock had moved on
        revision = embargoed.scheduled_revision
        revision.approved_go_live_at = passed
        revision.content["go_live_at"] = passed.isoformat()
        revision.save()
        call_command("run_scheduler", "--once")
        embargoed.refresh_from_db()
        assert embargoed.live

    def test_scheduling_is_in_the_audit_log(self, embargoed):
        assert PageLogEntry.objects.filter(
            page=embargoed, action="wagtail.publish.schedule"
        ).exists()


@pytest.mark.django_db
class TestSchedulingInTheAdmin:
    def test_a_time_in_the_past_is_refused_and_the_draft_kept(self, editor_client, us_section):
        url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", us_section.pk))
        past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
        data = article_form(
            "Yesterday's news", slug="yesterday", go_live_at=past, **{"action-publish": "1"}
        )
        response = editor_client.post(url, data)
        assert response.status_code == 200
        assert "has already passed" in response.content.decode()
        assert "Words the editor typed." in response.content.decode()
        assert not ArticlePage.objects.filter(slug="yesterday").exists()

    def test_the_form_names_the_newsrooms_time_zone(self, editor_client, us_section, settings):
        url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", us_section.pk))
        assert (
            f"Times are in the newsroom&#x27;s zone, {settings.TIME_ZONE}."
            in editor_client.get(url).content.decode()
        )

    def test_a_second_editor_saving_a_stale_copy_is_told(
        self, client, django_user_model, us_section
    ):
        story = ArticleFactory(parent=us_section)
        stale = story.save_revision()
        first = django_user_model.objects.create_superuser("one", "one@example.com", "pw")
        second = django_user_model.objects.create_superuser("two", "two@example.com", "pw")
        edit = reverse("wagtailadmin_pages:edit", args=(story.pk,))
        client.force_login(first)
        form = article_form(
            "First editor's headline",
            slug=story.slug,
            loaded_revision_id=stale.pk,
            loaded_revision_created_at=stale.created_at.isoformat(),
        )
        assert client.post(edit, form).status_code == 302
        client.force_login(second)
        form = article_form(
            "Second editor's headline",
            slug=story.slug,
            loaded_revision_id=stale.pk,
            loaded_revision_created_at=stale.created_at.isoformat(),
        )
        response = client.post(edit, form)
        assert "saved this page at" in response.content.decode()
        assert "Second editor&#x27;s headline" in response.content.decode()  # nothing lost
        story.refresh_from_db()
        assert story.get_latest_revision_as_object().title == "First editor's headline"

    def test_deleting_a_section_with_stories_is_refused(self, editor_client, news, us_section):
        ArticleFactory(parent=us_section)
        response = editor_client.post(
            reverse("wagtailadmin_pages:delete", args=(news.pk,)), follow=True
        )
        assert "still holds 1 stories" in response.content.decode()
        assert ArticlePage.objects.count() == 1
        news.refresh_from_db()

    def test_an_empty_section_can_be_deleted(self, editor_client, news):
        editor_client.post(reverse("wagtailadmin_pages:delete", args=(news.pk,)))
        assert not type(news).objects.filter(pk=news.pk).exists()


@pytest.mark.django_db
class TestRevisions:
    def test_compare_and_restore(self, editor_client, us_section):
        story = ArticleFactory(parent=us_section, title="First headline")
        first = story.save_revision()
        story.title = "Second headline"
        second = story.save_revision()
        second.publish()
        compare = reverse(
            "wagtailadmin_pages:revisions_compare", args=(story.pk, first.pk, second.pk)
        )
        html = editor_client.get(compare).content.decode()
        assert '<span class="deletion">First</span><span class="addition">Second</span>' in html
        revert = reverse("wagtailadmin_pages:revisions_revert", args=(story.pk, first.pk))
        assert "First headline" in editor_client.get(revert).content.decode()


@pytest.mark.django_db
class TestCorrections:
    def test_notes_show_with_their_times(self, client, us_section):
        story = ArticleFactory(parent=us_section)
        ArticleCorrection.objects.create(
            page=story, kind="correction", note="An earlier version misnamed the harbour master."
        )
        html = client.get(story.url).content.decode()
        assert "Corrections and updates" in html
        assert "An earlier version misnamed the harbour master." in html
        assert '<strong>Correction</strong> <time datetime="' in html

    def test_a_note_cannot_be_removed_in_the_admin(self, editor_client, us_section):
        story = ArticleFactory(parent=us_section)
        note = ArticleCorrection.objects.create(page=story, note="Fixed a date.")
        edit = reverse("wagtailadmin_pages:edit", args=(story.pk,))
        from wagtail.test.utils.form_data import inline_formset

        form = article_form(
            story.title,
            slug=story.slug,
            corrections=inline_formset(
                [{"id": note.pk, "kind": "correction", "note": "Fixed a date.", "DELETE": "1"}],
                initial=1,
            ),
        )
        response = editor_client.post(edit, form)
        assert response.status_code == 200
        assert "cannot be removed once added" in response.content.decode()
        assert ArticleCorrection.objects.filter(pk=note.pk).exists()

    def test_adding_a_note_through_the_admin_changes_the_modified_time(
        self, editor_client, us_section
    ):
        story = ArticleFactory(parent=us_section, published_at=timezone.now() - timedelta(days=1))
        before = story.last_published_at
        edit = reverse("wagtailadmin_pages:edit", args=(story.pk,))
        from wagtail.test.utils.form_data import inline_formset

        form = article_form(
            story.title,
            slug=story.slug,
            corrections=inline_formset([{"kind": "update", "note": "Adds the council's reply."}]),
            **{"action-publish": "1"},
        )
        assert editor_client.post(edit, form).status_code == 302
        story.refresh_from_db()
        assert story.last_published_at > before
        assert story.corrections.get().note == "Adds the council's reply."
        assert "Updated " in editor_client.get(story.url).content.decode()


@pytest.mark.django_db
class TestFrontPageCuration:
    def test_top_stories_keep_the_editors_order_and_the_rest_fills_in(self, client, news):
        now = timezone.now()
        old, older = (
            ArticleFactory(parent=news, published_at=now - timedelta(days=d)) for d in (5, 9)
        )
        newest = ArticleFactory(parent=news, published_at=now)
        home = HomePage.objects.get()
        HomeTopStory.objects.create(page=home, story=older, sort_order=0)
        HomeTopStory.objects.create(page=home, story=old, sort_order=1)
        context = client.get("/").context
        assert context["lead_story"] == newest
        assert context["top_stories"][:2] == [older, old]


@pytest.mark.django_db
class TestBreakingNews:
    def test_banner_shows_until_it_expires(self, client, us_section):
        story = ArticleFactory(parent=us_section)
        banner = BreakingNews.for_site(Site.objects.get(is_default_site=True))
        banner.headline = "Harbour Bridge closed"
        banner.link = story
        banner.save()
        assert banner.expires_at > timezone.now()
        html = client.get("/").content.decode()
        assert f'<a href="{story.url}" dir="auto">Harbour Bridge closed</a>' in html
        BreakingNews.objects.filter(pk=banner.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
        assert "Harbour Bridge closed" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_publish_unpublish_and_role_changes_are_audited(django_user_model, us_section):
    from django.contrib.auth.models import Group

    story = ArticleFactory(parent=us_section)
    story.save_revision().publish()
    story.unpublish()
    actions = set(PageLogEntry.objects.filter(page=story).values_list("action", flat=True))
    assert {"wagtail.publish", "wagtail.unpublish"} <= actions
    person = django_user_model.objects.create_user("pat", "pat@example.com", "pw")
    person.groups.add(Group.objects.get(name="Editors"))
    person.is_superuser = True
    person.save()
    entries = ModelLogEntry.objects.filter(action="newsdesk.role_change", object_id=str(person.pk))
    assert [entry.data["change"] for entry in entries.order_by("timestamp")] == [
        "added",
        "granted admin",
    ]
