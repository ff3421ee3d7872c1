"""Runs the admin requests that change a page's publication one at a time per page, each
in one transaction (transitions.py says which, and why).

A refused request changes nothing: the user gets the reason as a message, on the page's
edit view (or as JSON to a script). A request that fails is rolled back whole: the page is
never left less published than before, and the emails and purges that wait for the commit
(notifications.py, newsdesk.caching.signals) never go out.
"""

from asgiref.sync import async_to_sync, iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow

from newsdesk.desk.middleware import admin_match

from . import transitions


class PageTransitionMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.is_async:
            return self.__acall__(request)
        guarded = guarded_view(request)
        if guarded is None:
            return self.get_response(request)
        return run_guarded(request, *guarded, self.get_response)

    async def __acall__(self, request):
        if request.method != "POST":
            return await self.get_response(request)
        guarded = await sync_to_async(guarded_view)(request)  # reads the session's user
        if guarded is None:
            return await self.get_response(request)
        # The view is sync (Wagtail's); asgiref runs it in this same thread, inside the
        # transaction opened here.
        get_response = async_to_sync(self.get_response)
        return await sync_to_async(run_guarded)(request, *guarded, get_response)


def guarded_view(request):
    """(view name, URL kwargs, page ids) for a request to lock, else None."""
    if request.method != "POST":
        return None
    match = admin_match(request)
    if match is None:
        return None
    page_ids = transitions.guarded_page_ids(request, match.view_name, match.kwargs)
    if not page_ids:
        return None
    return match.view_name, match.kwargs, page_ids


def run_guarded(request, view_name, kwargs, page_ids, get_response):
    with transaction.atomic():
        transitions.lock_pages(page_ids)
        refused = transitions.refusal(request, view_name, kwargs)
        if refused is not None:
            return refusal_response(request, refused)
        response = get_response(request)
        if response.status_code >= 500:
            transaction.set_rollback(True)
        return response


def refusal_response(request, refused):
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        messages.error(request, refused.message)
        return render_modal_workflow(
            request, "", None, {}, json_data={"step": "success", "redirect": edit_url(refused)}
        )
    if not request.accepts("text/html"):
        # As Wagtail's EditView answers its autosave and other scripts.
        return JsonResponse(
            {"success": False, "error_code": "conflict", "error_message": refused.message},
            status=409,
        )
    messages.error(request, refused.message)
    return redirect(edit_url(refused))


def edit_url(refused):
    return reverse("wagtailadmin_pages:edit", args=[refused.page_id])
