"""Never stale: a source published past its translation flags it, tells its editor, shows
the desk a diff and readers a notice; a correction on the source is offered on each."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupPagePermission

from newsdesk.news.models import ArticleCorrection
from newsdesk.news.tests.factories import ArticleFactory

from ..models import TranslationState
from ..stale import source_diff
from .factories import edition_home, publish_parents, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    edition_home("es")
    story = ArticleFactory(title="Harbour wall vote", standfirst="The council votes tonight.")
    story.save_revision().publish()  # as the admin publishes: a revision to follow
    spanish = translate(story, "es", title="Votación del muro", slug="votacion-del-muro")
    publish_parents(spanish)
    return story, spanish


def republish(page, **fields):
    page = page.specific.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_a_translation_in_step_is_not_stale(pair):
    story, spanish = pair
    state = TranslationState.objects.get(translation=spanish)
    assert state.source_id == story.pk
    assert not state.is_stale
    republish(spanish, standfirst="El concejo vota esta noche.")
    state.refresh_from_db()
    assert not state.is_stale  # the translation's own edits never flag it


def test_publishing_the_source_again_flags_the_translation_with_a_diff(pair):
    story, spanish = pair
    republish(story, standfirst="The council voted 7-2 for the wall.")
    state = TranslationState.objects.get(translation=spanish)
    assert state.is_stale
    diff = source_diff(state)
    assert ("removed", "The council votes tonight.") in diff
    assert ("added", "The council voted 7-2 for the wall.") in diff


def test_the_translations_editor_is_told_after_the_commit(pair, django_capture_on_commit_callbacks):
    story, spanish = pair
    editor = get_user_model().objects.create_user("es", "desk-es@example.org", "x")
    spanish.specific.save_revision(user=editor).publish()
    with django_capture_on_commit_callbacks(execute=True):
        republish(story, title="Harbour wall approved")
    assert [message.to for message in mail.outbox] == [["desk-es@example.org"]]
    assert "Votación del muro" in mail.outbox[0].subject


def test_readers_of_a_stale_translation_are_pointed_to_the_original(client, pair):
    story, spanish = pair
    assert "translation-notice" not in client.get(spanish.url).content.decode()
    republish(story, standfirst="Updated.")
    html = client.get(spanish.url).content.decode()
    assert "translation-notice" in html
    assert f'href="{story.url}"' in html
    assert "translation-notice" not in client.get(story.url).content.decode()


def test_a_correction_on_the_source_is_offered_on_the_translation(admin_client, pair):
    story, spanish = pair
    source = story.specific.get_latest_revision_as_object()
    source.corrections.add(ArticleCorrection(note="The vote was 7-2, not 6-3."))
    source.save_revision().publish()
    state = TranslationState.objects.get(translation=spanish)
    page = admin_client.get(reverse("editions:stale_detail", args=[state.pk]))
    assert "The vote was 7-2, not 6-3." in page.content.decode()
    note = story.specific.corrections.get()
    response = admin_client.post(
        reverse("editions:carry_correction", args=[state.pk]),
        {"note": note.pk, "text": "La votación fue 7-2, no 6-3."},
    )
    assert response.status_code == 302
    spanish.refresh_from_db()
    assert [n.note for n in spanish.specific.corrections.all()] == ["La votación fue 7-2, no 6-3."]
    # Offered once: carried over, it is no longer waiting.
    again = admin_client.post(
        reverse("editions:carry_correction", args=[state.pk]), {"note": note.pk, "text": "x"}
    )
    assert again.status_code == 302
    assert spanish.specific.corrections.count() == 1


def test_bad_input_to_the_desk(admin_client, pair):
    _, spanish = pair
    state = TranslationState.objects.get(translation=spanish)
    url = reverse("editions:carry_correction", args=[state.pk])
    assert admin_client.post(url, {"note": "x"}).status_code == 404
    assert admin_client.post(url, {"note": str(2**70)}).status_code == 404
    assert admin_client.get(reverse("editions:mark_up_to_date", args=[state.pk])).status_code == 405
    assert admin_client.get("/admin/editions/stale/0/").status_code == 404


def desk_member(home):
    """An editor whose desk is one edition: admin access, pages under its front page."""
    group = Group.objects.create(name=f"Desk {home.locale.language_code}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=home, permission=Permission.objects.get(codename=codename)
        )
    user = get_user_model().objects.create_user(
        f"desk-{home.locale.language_code}", "d@example.org", "x"
    )
    user.groups.add(group)
    return user


def test_each_desk_reviews_its_own_edition_only(client, pair):
    story, spanish = pair
    arabic_home = edition_home("ar")
    arabic = translate(story, "ar", title="تصويت على الجدار", slug="taswit")
    publish_parents(arabic)
    republish(story, standfirst="Changed.")
    spanish_desk = desk_member(edition_home("es"))
    arabic_desk = desk_member(arabic_home)
    es_state = TranslationState.objects.get(translation=spanish)
    ar_state = TranslationState.objects.get(translation=arabic)

    client.force_login(spanish_desk)
    listing = client.get(reverse("editions:stale_list")).content.decode()
    assert "Votación del muro" in listing and "تصويت على الجدار" not in listing
    # Wagtail answers a denied admin request with a redirect to the dashboard.
    denied = client.get(reverse("editions:stale_detail", args=[ar_state.pk]))
    assert (denied.status_code, denied.url) == (302, "/admin/")
    denied = client.post(reverse("editions:mark_up_to_date", args=[ar_state.pk]))
    assert (denied.status_code, denied.url) == (302, "/admin/")
    ar_state.refresh_from_db()
    assert ar_state.is_stale
    done = client.post(reverse("editions:mark_up_to_date", args=[es_state.pk]))
    assert done.url == reverse("editions:stale_list")
    es_state.refresh_from_db()
    assert not es_state.is_stale and es_state.reviewed_by == spanish_desk

    client.force_login(arabic_desk)
    done = client.post(reverse("editions:mark_up_to_date", args=[ar_state.pk]))
    assert done.url == reverse("editions:stale_list")
    ar_state.refresh_from_db()
    assert not ar_state.is_stale
