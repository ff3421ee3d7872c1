"""Which pages a member of staff may see named in the admin.

A headline reaches a user in the admin only if they have a page permission on the page
(Wagtail's "explorable" pages: those they may add under, edit, publish or lock, and the
sections on the way down to them), or if readers can see it anyway: live, public, and with
no unpublished headline waiting in a draft (the admin shows a page by its draft headline).
A moderator, who has no page permission, sees only what readers see.
"""

from contextvars import ContextVar

from django.db.models import F, Q
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from newsdesk.core.ids import parse_id


def is_page_id(value):
    """Whether `value` (an int or the text of one) could be a page's id in the database."""
    return parse_id(value, minimum=0) is not None


def pages_visible_to(user, queryset=None):
    """The pages of `queryset` (all pages by default) whose headline the user may see."""
    queryset = Page.objects.all() if queryset is None else queryset
    if user.is_superuser and user.is_active:
        return queryset
    permitted = page_permission_policy.explorable_instances(user).values("pk")
    readable = Page.objects.live().public().filter(draft_title=F("title")).values("pk")
    return queryset.filter(Q(pk__in=permitted) | Q(pk__in=readable))


def can_see_page(user, page):
    return pages_visible_to(user, Page.objects.filter(pk=page.pk)).exists()


# The member of staff whose admin request is being answered (set by
# middleware.PageVisibilityMiddleware): page choosers and their fields ask it, since a
# StreamField block, unlike a form, is never told who is editing.
viewer = ContextVar("newsdesk_admin_viewer", default=None)


def viewer_may_see(page):
    """Whether the admin request's user may see `page` named (True outside the admin)."""
    user = viewer.get()
    return user is None or can_see_page(user, page)
