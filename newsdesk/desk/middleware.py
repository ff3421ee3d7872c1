from django.http import Http404, QueryDict
from django.urls import Resolver404, resolve, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page

from .visibility import is_page_id, pages_visible_to, viewer

# The arguments by which Wagtail's admin URLs name a page.
PAGE_ARGUMENTS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
NOT_FOUND = "No page matches the given query."


class PageVisibilityMiddleware:
    """Answers 404 to any admin URL that names a page the user may not see (visibility.py),
    in its path or, for the pages' bulk actions, in its query string (`?id=`), before any
    later middleware or Wagtail's view runs: some views put the page's title in a message,
    or in the page they show, before they check the user's permissions, and
    editorial.middleware locks the rows of the pages a POST names."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = admin_match(request)
        if match is not None and request.user.is_authenticated:
            check_path_pages(request.user, match.kwargs)
            if is_page_bulk_action(match):
                limit_bulk_ids(request, match.kwargs["action"])
            token = viewer.set(request.user)
            try:
                return self.get_response(request)
            finally:
                viewer.reset(token)
        return self.get_response(request)


def admin_match(request):
    # Most requests are readers': a prefix test spares them a second URL resolve.
    if not request.path_info.startswith(admin_prefix()):
        return None
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    return match if match.route.startswith("admin/") else None


def admin_prefix():
    return reverse("wagtailadmin_home")


def check_path_pages(user, kwargs):
    named = {kwargs[name] for name in PAGE_ARGUMENTS & kwargs.keys()}
    if named:
        require_visible(user, named)


def require_visible(user, ids):
    if not all(is_page_id(pk) for pk in ids):  # beyond any id the database could hold
        raise Http404(NOT_FOUND)
    ids = {int(pk) for pk in ids}
    if pages_visible_to(user, Page.objects.filter(pk__in=ids)).count() < len(ids):
        raise Http404(NOT_FOUND)


def is_page_bulk_action(match):
    kwargs = match.kwargs
    return match.view_name == "wagtail_bulk_action" and (
        kwargs.get("app_label"),
        kwargs.get("model_name"),
    ) == ("wagtailcore", "page")


def limit_bulk_ids(request, action):
    """A bulk action's pages, named by `?id=` (GET and POST alike), are those the user may
    see: a named page they may not see is a 404, and "all" (a listing's "select all", under
    `?childOf=`) becomes the pages of that listing they may see."""
    ids = request.GET.getlist("id")
    parent_id = request.GET.get("childOf")
    if parent_id is not None:
        require_visible(request.user, [parent_id])
    if "all" not in ids:
        require_visible(request.user, ids)
        return
    action_class = bulk_action_registry.get_bulk_action_class("wagtailcore", "page", action)
    if action_class is None:
        return  # Wagtail's view answers 404
    listed = action_class(request, Page).get_all_objects_in_listing_query(parent_id)
    visible = pages_visible_to(
        request.user, Page.objects.filter(pk__in=[getattr(item, "pk", item) for item in listed])
    )
    query = request.GET.copy()
    query.setlist("id", [str(pk) for pk in visible.order_by("pk").values_list("pk", flat=True)])
    request.GET = QueryDict(query.urlencode())
    request.META["QUERY_STRING"] = request.GET.urlencode()
