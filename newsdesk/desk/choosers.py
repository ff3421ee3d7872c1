"""Wagtail's page chooser, naming only the pages the user may see (visibility.py).

The chooser's lists go through the construct_page_chooser_queryset hook (wagtail_hooks.py);
these views close what the hook does not reach: the page a browse starts from (given by id,
or found as the common ancestor of every page of the wanted type) and the "chosen" answer,
which returns the title of any page id it is given.
"""

from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin.views import chooser
from wagtail.models import Page

from .stories import story_models
from .visibility import pages_visible_to


def wanted_page_types(request):
    try:
        return chooser.page_models_from_string(request.GET.get("page_type") or "wagtailcore.page")
    except (LookupError, ValueError) as error:
        raise Http404 from error


class BrowseView(chooser.BrowseView):
    def get(self, request, parent_page_id=None):
        if parent_page_id is None:
            parent_page_id = self.start_page_id(request)
        elif not pages_visible_to(request.user, Page.objects.filter(pk=parent_page_id)).exists():
            raise Http404
        return super().get(request, parent_page_id)

    def start_page_id(self, request):
        """Where Wagtail would start, among the pages the user may see: the root, or the
        nearest page above every page of the wanted type."""
        types = wanted_page_types(request)
        visible = pages_visible_to(request.user, Page.objects.type(*types))
        if types == (Page,) or not visible.exists():
            return Page.get_first_root_node().pk
        return visible.first_common_ancestor().pk


class ChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdecimal()]
        visible = pages_visible_to(request.user, Page.objects.filter(pk__in=ids))
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in visible.values_list("pk", flat=True)])
        return super().get(request)


def page_being_edited(request):
    """The page whose editor opened the chooser, read from the Referer; a chooser opened
    anywhere else (or a missing header) names none."""
    referer = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(referer, {request.get_host()}):
        return None
    try:
        match = resolve(urlsplit(referer).path)
    except Resolver404:
        return None
    return match.kwargs.get("page_id") if match.url_name == "edit" else None


def stories_to_link(pages, request):
    types = wanted_page_types(request)
    stories = story_models()
    if not all(any(issubclass(model, story) for story in stories) for model in types):
        return pages
    pages = pages.exclude(live=False, content_type__in=story_content_types(stories))
    editing = page_being_edited(request)
    return pages.exclude(pk=editing) if editing else pages


def story_content_types(models):
    return ContentType.objects.get_for_models(*models, for_concrete_models=False).values()
