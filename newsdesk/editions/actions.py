"""The translation desk's actions: check_* validates, do_* acts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views.edit_translation import apply_machine_translation

from newsdesk.news.models import ArticleCorrection, ArticlePage

from .models import TranslationState
from .stale import mark_up_to_date, pending_corrections
from .translators import translate_texts


def check_can_translate(page, locale, user):
    if page.locale_id == locale.pk:
        raise ValidationError("The story is already in that edition.")
    if page.get_translation_or_none(locale) is not None:
        raise ValidationError("The story already has a translation in that edition.")
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied


def do_translate_into(page, locale: Locale, user) -> Page:
    """A draft of the story in the other edition, through wagtail-localize (photos,
    credits, authors and the section mapping kept), its text machine-drafted, its
    related stories pointing at their translations where they exist."""
    check_can_translate(page, locale, user)
    with transaction.atomic():
        source, _ = TranslationSource.get_or_create_from_instance(page)
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
        translation.save_target(user=user, publish=False)
        translator = get_machine_translator()
        if translator is not None and translator.can_translate(page.locale, locale):
            apply_machine_translation(translation.pk, user, translator)
            translation.save_target(user=user, publish=False)
        draft = page.get_translation(locale).specific
        point_related_at_translations(draft, locale)
        TranslationState.objects.update_or_create(
            translation=draft,
            defaults={
                "source": page,
                "source_revision": page.live_revision,
                "machine_drafted": translator is not None,
                "stale_since": None,
            },
        )
    return draft


def point_related_at_translations(draft, locale):
    """Editors' picks copied from the source name the source's stories: each one with a
    translation in the edition is swapped for it."""
    if not isinstance(draft, ArticlePage):
        return
    latest = draft.get_latest_revision_as_object()
    changed = False
    for link in latest.related_links.all():
        translated = link.story.get_translation_or_none(locale)
        if translated is not None and translated.pk != link.story_id:
            link.story = translated.specific
            changed = True
    if changed:
        latest.save_revision(log_action=False)


def check_can_review(state, user):
    if not state.translation.permissions_for_user(user).can_edit():
        raise PermissionDenied


def do_mark_up_to_date(state, user):
    check_can_review(state, user)
    mark_up_to_date(state, user)


def offered_correction(state, note):
    """The source's correction in the translation's language, for the editor to check."""
    texts = translate_texts(state.source.locale, state.translation.locale, [note.note])
    return texts.get(note.note, note.note)


def do_carry_correction(state, note: ArticleCorrection, text, user):
    """The source's correction, as the editor worded it, noted on the translation and
    published with it (or saved as its draft, for an editor who may not publish)."""
    check_can_review(state, user)
    if note.page_id != state.source_id or note not in pending_corrections(state):
        raise ValidationError("That correction is not waiting to be carried over.")
    if not text.strip():
        raise ValidationError("Write the correction in the translation's language.")
    with transaction.atomic():
        translation = state.translation.specific.get_latest_revision_as_object()
        translation.corrections.add(ArticleCorrection(kind=note.kind, note=text.strip()))
        revision = translation.save_revision(user=user)
        if state.translation.permissions_for_user(user).can_publish():
            revision.publish(user=user)
        skip_correction(state, note)
    return revision


def skip_correction(state, note):
    state.corrections_seen_at = max(state.corrections_seen_at, note.noted_at)
    state.save(update_fields=["corrections_seen_at"])


def stale_states_for(user, locale=None):
    """Translations the user's desks answer for, stale or machine-drafted, stalest first."""
    states = TranslationState.objects.select_related(
        "translation", "translation__locale", "source", "source_revision"
    ).filter(translation__in=editable_pages(user))
    if locale is not None:
        states = states.filter(translation__locale=locale)
    return states.filter(Q(stale_since__isnull=False) | Q(machine_drafted=True)).order_by(
        F("stale_since").asc(nulls_last=True), "pk"
    )


def editable_pages(user):
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return PagePermissionPolicy().instances_user_has_permission_for(user, "change")


def how_stale(state):
    return timezone.now() - state.stale_since if state.stale_since else None
