"""The live desk in the Wagtail admin: post an update to a live blog in seconds (a quick form,
not a page edit), and edit or delete the updates listed under it.

Who may post is decided by actions.can_post_entries; every change goes through actions.py,
which logs it in the blog's history.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .actions import (
    EntryRefused,
    can_post_entries,
    can_use_live_desk,
    check_can_post,
    do_delete_entry,
    do_edit_entry,
    do_post_entry,
)
from .forms import LiveEntryForm
from .models import LiveBlogPage, LiveEntry

ENTRIES_PER_PAGE = 50
BLOGS_LISTED = 50


def desk_index(request):
    """The live blogs this editor can post to, running ones first."""
    if not can_use_live_desk(request.user):
        raise PermissionDenied
    blogs = LiveBlogPage.objects.order_by("state", "-latest_revision_created_at")
    blogs = [blog for blog in blogs[: BLOGS_LISTED * 2] if can_post_entries(request.user, blog)]
    return TemplateResponse(request, "live/admin/desk_index.html", {"blogs": blogs[:BLOGS_LISTED]})


def desk(request, blog_id):
    blog = get_object_or_404(LiveBlogPage, pk=blog_id)
    check_can_post(request.user, blog)
    form = LiveEntryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            entry = do_post_entry(blog, form.content(), request.user)
        except EntryRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Posted “{entry.headline}”: readers see it now.")
            return redirect("live_admin:desk", blog.pk)
    entries = Paginator(blog.entries.select_related("author", "posted_by"), ENTRIES_PER_PAGE)
    return TemplateResponse(
        request,
        "live/admin/desk.html",
        {
            "blog": blog,
            "form": form,
            "entries": entries.get_page(request.GET.get("p")),
            "media": form.media,
        },
    )


def edit_entry(request, entry_id):
    entry = get_object_or_404(LiveEntry.objects.select_related("blog"), pk=entry_id)
    check_can_post(request.user, entry.blog)
    form = LiveEntryForm(request.POST or None, instance=entry, user=request.user)
    if request.method == "POST" and form.is_valid():
        entry = do_edit_entry(entry, form.content(), request.user)
        messages.success(request, f"Saved “{entry.headline}”: readers see the change now.")
        return redirect("live_admin:desk", entry.blog_id)
    return TemplateResponse(
        request,
        "live/admin/edit_entry.html",
        {"blog": entry.blog, "entry": entry, "form": form, "media": form.media},
    )


def delete_entry(request, entry_id):
    entry = get_object_or_404(LiveEntry.objects.select_related("blog"), pk=entry_id)
    check_can_post(request.user, entry.blog)
    if request.method == "POST":
        headline = entry.headline
        do_delete_entry(entry, request.user)
        messages.success(request, f"Deleted “{headline}”: it is gone from readers' pages.")
        return redirect("live_admin:desk", entry.blog_id)
    return TemplateResponse(
        request,
        "live/admin/delete_entry.html",
        {
            "blog": entry.blog,
            "entry": entry,
            "desk_url": reverse("live_admin:desk", args=[entry.blog_id]),
        },
    )
