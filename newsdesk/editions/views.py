"""The translation desk in the admin: the stale list per edition, a translation's diff and
its actions, and "translate into…"."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import Locale, Page

from newsdesk.core.ids import parse_id
from newsdesk.news.models import ArticleCorrection

from . import actions
from .conf import editions
from .models import TranslationState
from .stale import pending_corrections, revisions_behind, source_diff


def stale_list(request):
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    chosen = locales.get(request.GET.get("edition", ""))
    states = list(actions.stale_states_for(request.user, chosen))
    rows = [
        {
            "state": state,
            "how_stale": actions.how_stale(state),
            "revisions_behind": revisions_behind(state) if state.is_stale else 0,
        }
        for state in states
    ]
    return TemplateResponse(
        request,
        "editions/admin/stale_list.html",
        {
            "rows": rows,
            "editions": [each for each in editions() if each.code in locales],
            "chosen": chosen.language_code if chosen else "",
        },
    )


def stale_detail(request, state_id):
    state = get_object_or_404(TranslationState.objects.select_related("source"), pk=state_id)
    actions.check_can_review(state, request.user)
    offers = [
        (note, actions.offered_correction(state, note)) for note in pending_corrections(state)
    ]
    return TemplateResponse(
        request,
        "editions/admin/stale_detail.html",
        {
            "state": state,
            "translation": state.translation.specific,
            "source": state.source.specific,
            "diff": source_diff(state),
            "how_stale": actions.how_stale(state),
            "revisions_behind": revisions_behind(state),
            "offers": offers,
        },
    )


@require_POST
def mark_up_to_date(request, state_id):
    state = get_object_or_404(TranslationState, pk=state_id)
    actions.do_mark_up_to_date(state, request.user)
    messages.success(request, f"“{state.translation.title}” is marked up to date with its source.")
    return redirect("editions:stale_list")


@require_POST
def carry_correction(request, state_id):
    state = get_object_or_404(TranslationState, pk=state_id)
    note = get_object_or_404(ArticleCorrection, pk=parse_id(request.POST.get("note", "")) or 0)
    try:
        if request.POST.get("decline"):
            actions.check_can_review(state, request.user)
            actions.skip_correction(state, note)
        else:
            actions.do_carry_correction(state, note, request.POST.get("text", ""), request.user)
            messages.success(request, "The correction is on the translation.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("editions:stale_detail", state.pk)


def translate_into(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    done = {translation.locale_id for translation in page.get_translations(inclusive=True)}
    targets = Locale.objects.exclude(pk__in=done)
    if request.method == "POST":
        locale = targets.filter(pk=parse_id(request.POST.get("locale", "")) or 0).first()
        if locale is None:
            messages.error(request, "Choose an edition the story is not in yet.")
        else:
            try:
                draft = actions.do_translate_into(page, locale, request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "A machine draft of the translation is ready to edit.")
                return redirect("wagtailadmin_pages:edit", draft.pk)
    elif not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return TemplateResponse(
        request, "editions/admin/translate_into.html", {"page": page, "targets": targets}
    )
