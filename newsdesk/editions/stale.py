"""Never stale: a translation is flagged the moment its source is published past the
revision the translation follows, and the desk reads what changed as a diff."""

import difflib
from typing import NamedTuple

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page, Revision

from .models import TranslationState


def source_of(page):
    """The page a translation was made from: the first of its translation group."""
    return Page.objects.filter(translation_key=page.translation_key).order_by("pk").first()


def state_for(translation):
    """The translation's state, made on first sight (a translation made in wagtail-localize's
    editor, or before this app): it follows the source as it was when last published."""
    state = TranslationState.objects.filter(translation=translation).first()
    if state is not None:
        return state
    source = source_of(translation)
    if source is None or source.pk == translation.pk:
        return None
    followed = (
        source.revisions.filter(created_at__lte=translation.last_published_at or timezone.now())
        .order_by("-created_at", "-pk")
        .first()
    )
    return TranslationState.objects.create(
        translation=translation, source=source, source_revision=followed
    )


def on_publish(page, revision):
    """Publishing a source flags its published translations that follow an older revision;
    publishing a translation gives it a state if it has none."""
    if source_of(page).pk != page.pk:
        state_for(page)
        return
    translations = Page.objects.filter(translation_key=page.translation_key, live=True).exclude(
        pk=page.pk
    )
    for translation in translations:
        state = state_for(translation)
        if state is None or state.source_revision_id == revision.pk or state.is_stale:
            continue
        state.stale_since = timezone.now()
        state.save(update_fields=["stale_since"])
        transaction.on_commit(lambda state=state: notify_translation_editor(state))


def mark_up_to_date(state, user):
    """An editor has brought the translation in line with the source's live revision."""
    state.source_revision = state.source.live_revision
    state.stale_since = None
    state.machine_drafted = False
    state.reviewed_by = user
    state.reviewed_at = timezone.now()
    state.save()


def revisions_behind(state):
    """How many revisions the source has had since the one the translation follows."""
    later = Revision.page_revisions.filter(object_id=str(state.source_id))
    if state.source_revision is not None:
        later = later.filter(created_at__gt=state.source_revision.created_at)
    return later.count()


def editor_of(page):
    """Who answers for a translation: its last editor, else its owner."""
    revision = page.revisions.exclude(user=None).order_by("-created_at").first()
    return revision.user if revision else page.owner


def notify_translation_editor(state):
    translation = state.translation.specific
    editor = editor_of(translation)
    if editor is None or not editor.email:
        return
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    send_mail(
        subject=f"Translation out of date: {translation.title}",
        message=(
            f"The source of “{translation.title}” ({translation.locale.language_code}) has been "
            f"published again since the translation was last brought up to date.\n\n"
            f"What changed: {base}/admin/editions/stale/{state.pk}/\n"
        ),
        from_email=None,
        recipient_list=[editor.email],
    )


class DiffLine(NamedTuple):
    kind: str  # "added", "removed", "same", "heading"
    text: str


def page_text(page):
    """The words of a story, a line each: headline, standfirst, body blocks, corrections."""
    lines = [page.title]
    for name in ("standfirst", "lead_image_caption"):
        if getattr(page, name, ""):
            lines.append(getattr(page, name))
    body = getattr(page, "body", None)
    for block in body or []:
        for text in block.block.get_searchable_content(block.value):
            lines.extend(line for line in strip_tags(str(text)).splitlines() if line.strip())
    corrections = getattr(page, "corrections", None)
    for note in corrections.all() if corrections is not None else []:
        lines.append(f"[{note.get_kind_display()}] {note.note}")
    return lines


def source_diff(state):
    """What changed in the source since the revision the translation follows."""
    before = page_text(state.source_revision.as_object()) if state.source_revision else []
    live = state.source.specific.live_revision
    after = page_text(live.as_object() if live else state.source.specific)
    lines = []
    for line in difflib.unified_diff(before, after, lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            lines.append(DiffLine("heading", "…"))
        elif line.startswith("+"):
            lines.append(DiffLine("added", line[1:]))
        elif line.startswith("-"):
            lines.append(DiffLine("removed", line[1:]))
        else:
            lines.append(DiffLine("same", line[1:]))
    return lines


def pending_corrections(state):
    """Corrections noted on the source that the translation has not been offered yet."""
    source = state.source.specific
    notes = getattr(source, "corrections", None)
    if notes is None:
        return []
    return [note for note in notes.all() if note.noted_at > state.corrections_seen_at]
