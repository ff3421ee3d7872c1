"""Each role does every part of its job through the admin's real views (POSTs, as the
browser sends them), and is refused the next role's work. test_admin_urls.py walks every
admin URL for what each role may open; this file is the working day itself.
"""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Site
from wagtail.test.utils.form_data import inline_formset

from newsdesk.comments.models import Ban, Comment
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.core.models import BreakingNews, NewsroomSettings
from newsdesk.editions.tests.factories import edition_home, locale, translate
from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.factories import ArticleFactory, article_form

MODERATE = "comments_moderation:moderate"


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def setting_url(model_name):
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=("core", model_name, site.pk))


def banner_url(code="en"):
    """The admin's edit view of one edition's banner on the default site."""
    site = Site.objects.get(is_default_site=True)
    banner = BreakingNews.for_site(site, locale(code))
    return reverse("breaking_news:edit", args=(banner.pk,))


def refused(response):
    """A 403, or Wagtail's redirect to the dashboard or the login form."""
    if response.status_code == 302:
        return response["Location"].startswith((reverse("wagtailadmin_home"), "/admin/login/"))
    return response.status_code in {403, 404}


def photo_upload(title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), "teal").save(buffer, "JPEG")
    file = SimpleUploadedFile("quay.jpg", buffer.getvalue(), content_type="image/jpeg")
    return {"title": title, "file": file, "collection": Collection.get_first_root_node().pk}


def workflow_action(client, page, action, comment=""):
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def submitted_story(client, section, slug="tram-line"):
    data = article_form("Tram line reopens", slug=slug, **{"action-submit": "1"})
    assert client.post(add_url(section), data).status_code == 302
    return ArticlePage.objects.get(slug=slug)


def banner_form(headline, link):
    return {"headline": headline, "link": link.pk if link else "", "expires_at": ""}


@pytest.mark.django_db
class TestContributorsDay:
    def test_writes_uploads_submits_and_reads_the_feedback(
        self, as_user, contributor, editor, us_section
    ):
        client = as_user(contributor)
        draft = article_form("Tram line reopens", slug="tram-line")
        assert client.post(add_url(us_section), draft).status_code == 302
        story = ArticlePage.objects.get(slug="tram-line")
        assert not story.live and story.owner == contributor

        response = client.post(reverse("wagtailimages:add"), photo_upload("Tram at the depot"))
        assert response.status_code == 302
        photo = get_image_model().objects.get(title="Tram at the depot")
        assert photo.uploaded_by_user == contributor

        submit = article_form("Tram line reopens", slug="tram-line", **{"action-submit": "1"})
        assert client.post(edit_url(story), submit).status_code == 302
        story.refresh_from_db()
        assert story.current_workflow_state.status == "in_progress"

        feedback = "Needs a quote from the operator."
        assert workflow_action(as_user(editor), story, "reject", feedback).status_code in {200, 302}
        client = as_user(contributor)
        history = client.get(reverse("wagtailadmin_pages:history", args=(story.pk,)))
        assert feedback in history.content.decode()
        assert client.get(edit_url(story)).status_code == 200  # still theirs to fix

    def test_is_refused_the_editors_work(self, as_user, contributor, editor, us_section):
        story = submitted_story(as_user(contributor), us_section)
        client = as_user(contributor)
        workflow_action(client, story, "approve", "Self-approved.")
        story.refresh_from_db()
        assert not story.live
        for code in ("en", "es"):
            assert refused(client.post(banner_url(code), banner_form("Not mine", story)))
        assert not BreakingNews.objects.filter(headline="Not mine").exists()
        comment = CommentFactory(page=story, state=Comment.State.PENDING)
        assert refused(client.post(reverse(MODERATE), {"single": f"approve:{comment.pk}"}))
        comment.refresh_from_db()
        assert comment.state == Comment.State.PENDING


@pytest.mark.django_db
class TestEditorsDay:
    def test_approves_a_submitted_story_and_it_goes_live(
        self, as_user, contributor, editor, us_section
    ):
        story = submitted_story(as_user(contributor), us_section)
        assert workflow_action(as_user(editor), story, "approve", "Good.").status_code in {200, 302}
        story.refresh_from_db()
        assert story.live

    def test_requests_changes(self, as_user, contributor, editor, us_section):
        story = submitted_story(as_user(contributor), us_section)
        workflow_action(as_user(editor), story, "reject", "Check the dates.")
        story.refresh_from_db()
        assert not story.live
        assert story.current_workflow_state.status == "needs_changes"

    def test_publishes_unpublishes_and_schedules(self, as_user, editor, us_section):
        client = as_user(editor)
        data = article_form("Ferry strike", slug="ferry-strike", **{"action-publish": "1"})
        assert client.post(add_url(us_section), data).status_code == 302
        story = ArticlePage.objects.get(slug="ferry-strike")
        assert story.live
        client.post(reverse("wagtailadmin_pages:unpublish", args=(story.pk,)))
        story.refresh_from_db()
        assert not story.live

        go_live = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
        data = article_form(
            "Budget day", slug="budget-day", go_live_at=go_live, **{"action-publish": "1"}
        )
        assert client.post(add_url(us_section), data).status_code == 302
        scheduled = ArticlePage.objects.get(slug="budget-day")
        assert not scheduled.live and scheduled.scheduled_revision is not None

    def test_adds_a_correction(self, as_user, editor, us_section):
        story = ArticleFactory(parent=us_section)
        note = "An earlier version gave the wrong vote count."
        data = article_form(
            story.title,
            slug=story.slug,
            corrections=inline_formset([{"kind": "correction", "note": note}]),
            **{"action-publish": "1"},
        )
        assert as_user(editor).post(edit_url(story), data).status_code == 302
        story.refresh_from_db()
        assert story.corrections.get().note == note
        assert note in as_user(editor).get(story.url).content.decode()

    def test_sets_the_breaking_news_banner(self, as_user, editor, us_section):
        story = ArticleFactory(parent=us_section)
        client = as_user(editor)
        response = client.post(banner_url(), banner_form("Storm warning", story))
        assert response.status_code == 302, response.content.decode()[:2000]
        banner = BreakingNews.objects.get(headline="Storm warning")
        assert (banner.locale.language_code, banner.link_id) == ("en", story.pk)
        assert banner.is_showing

    def test_sets_each_editions_banner_on_its_own(self, as_user, editor, us_section):
        story = ArticleFactory(parent=us_section)
        edition_home("es")
        historia = translate(story, "es", title="Aviso de tormenta", slug="aviso")
        client = as_user(editor)
        assert client.post(banner_url(), banner_form("Storm warning", story)).status_code == 302
        response = client.post(banner_url("es"), banner_form("Alerta por tormenta", historia))
        assert response.status_code == 302, response.content.decode()[:2000]
        banners = {b.locale.language_code: b.headline for b in BreakingNews.objects.all()}
        assert banners == {"en": "Storm warning", "es": "Alerta por tormenta"}
        # the index lists every edition's banner; none can be added or deleted
        index = client.get(reverse("breaking_news:index"))
        assert index.status_code == 200
        assert all(h in index.content.decode() for h in ("Storm warning", "Alerta por tormenta"))
        assert refused(client.get(reverse("breaking_news:add")))
        spanish = BreakingNews.objects.get(locale__language_code="es")
        assert refused(client.post(reverse("breaking_news:delete", args=(spanish.pk,))))
        assert BreakingNews.objects.filter(pk=spanish.pk).exists()

    def test_links_a_banner_to_its_own_editions_pages_only(self, as_user, editor, us_section):
        story = ArticleFactory(parent=us_section)
        edition_home("es")
        response = as_user(editor).post(banner_url("es"), banner_form("Alerta", story))
        assert response.status_code == 200  # the form again, with the error
        assert "the banner&#x27;s own edition" in response.content.decode()
        assert not BreakingNews.objects.filter(headline="Alerta").exists()

    def test_is_refused_users_and_newsroom_settings(self, as_user, editor):
        client = as_user(editor)
        assert refused(client.get(reverse("wagtailusers_users:index")))
        assert refused(client.post(setting_url("newsroomsettings"), {"tagline": "Editor's"}))
        assert not NewsroomSettings.objects.filter(tagline="Editor's").exists()


@pytest.fixture
def pending(us_section):
    story = ArticleFactory(parent=us_section)
    return [CommentFactory(page=story, state=Comment.State.PENDING) for _ in range(3)]


@pytest.mark.django_db
class TestModeratorsDay:
    def test_works_the_whole_queue(self, as_user, moderator, pending):
        client = as_user(moderator)
        queue = client.get(reverse("comments_moderation:queue"))
        assert queue.status_code == 200
        assert all(comment.body in queue.content.decode() for comment in pending)
        keep, drop, troll = pending
        client.post(reverse(MODERATE), {"single": f"approve:{keep.pk}"})
        client.post(reverse(MODERATE), {"single": f"reject:{drop.pk}"})
        client.post(reverse(MODERATE), {"single": f"ban-email:{troll.pk}"})
        reply = reverse("comments_moderation:reply", args=(keep.pk,))
        assert (
            client.post(reply, {"body": "Thank you: we have added the figures."}).status_code == 302
        )
        states = {c.pk: c.state for c in Comment.objects.filter(pk__in=[keep.pk, drop.pk])}
        assert states == {keep.pk: Comment.State.APPROVED, drop.pk: Comment.State.REJECTED}
        assert Ban.objects.filter(kind=Ban.Kind.EMAIL, value=troll.author_email).exists()
        assert Comment.objects.filter(parent=keep, body__contains="added the figures").exists()

    def test_is_refused_pages_images_and_settings(self, as_user, moderator, us_section):
        story = ArticleFactory(parent=us_section)
        client = as_user(moderator)
        data = article_form("Moderator's story", slug="moderators", **{"action-publish": "1"})
        assert refused(client.post(add_url(us_section), data))
        assert refused(client.post(edit_url(story), article_form("Rewritten", slug=story.slug)))
        story.refresh_from_db()
        assert story.title != "Rewritten"
        client.post(reverse("wagtailimages:add"), photo_upload("Moderator's photo"))
        assert not get_image_model().objects.filter(title="Moderator's photo").exists()
        assert refused(client.post(banner_url(), banner_form("Mine", story)))
        assert refused(client.get(reverse("breaking_news:index")))
        assert refused(client.get(reverse("wagtailusers_users:index")))


@pytest.mark.django_db
class TestAdminsDay:
    def test_adds_a_user_with_a_role(self, as_user, admin_user, django_user_model):
        from newsdesk.users.roles import moderators

        data = {
            "username": "nia",
            "email": "nia@example.com",
            "first_name": "Nia",
            "last_name": "Lee",
            "password1": "a-long-newsroom-passphrase",
            "password2": "a-long-newsroom-passphrase",
            "groups": [moderators().pk],
            "is_active": "on",
        }
        response = as_user(admin_user).post(reverse("wagtailusers_users:add"), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        nia = django_user_model.objects.get(username="nia")
        assert nia.has_perm("comments.moderate_comment") and not nia.is_superuser

    def test_changes_the_newsroom_settings(self, as_user, admin_user):
        data = {"tagline": "News from the harbour", "x_handle": "harbournews"}
        data |= {"copyright_holder": "Harbour News Ltd", "logo": "", "podcast_artwork": ""}
        response = as_user(admin_user).post(setting_url("newsroomsettings"), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert NewsroomSettings.objects.get().tagline == "News from the harbour"
