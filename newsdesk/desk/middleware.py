from django.http import Http404
from wagtail.models import Page

from .visibility import pages_visible_to

MAX_ID = 2**63 - 1
# The arguments by which Wagtail's admin URLs name a page.
PAGE_ARGUMENTS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}


class PageVisibilityMiddleware:
    """Answers 404 to any admin URL that names a page the user may not see (visibility.py),
    before Wagtail's view runs: some of them put the page's title in a message, or in the
    page they show, before they check the user's permissions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        named = {view_kwargs[name] for name in PAGE_ARGUMENTS & view_kwargs.keys()}
        if not named or not self.in_admin(request) or not request.user.is_authenticated:
            return None
        if max(named) > MAX_ID:  # beyond any id the database could hold
            raise Http404("No page matches the given query.")
        visible = pages_visible_to(request.user, Page.objects.filter(pk__in=named))
        if visible.count() < len(named):
            raise Http404("No page matches the given query.")
        return None

    @staticmethod
    def in_admin(request):
        match = request.resolver_match
        return match is not None and match.route.startswith("admin/")
