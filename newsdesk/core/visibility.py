"""What readers may see: the one definition every reader-facing listing, link and endpoint
goes through.

A page is visible to readers when it is live, carries no view restriction (login,
password or groups) on itself or an ancestor, its go-live time has passed and its expiry
has not. Wagtail flips `live` for scheduled and expired pages only when the scheduler runs
(`publish_scheduled`), so the times are checked here too. Imports only Wagtail, so any app
can use it.
"""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from wagtail.models import Page
from wagtail.query import PageQuerySet


def visible_to_readers(pages):
    """The pages of a PageQuerySet (of any page type) that readers may see.

    The times are checked by page id, not as filters on go_live_at and expire_at, so the
    queryset can still be searched (search backends filter only on indexed fields, and
    the base Page indexes its id but not its times)."""
    out_of_time = Page.objects.filter(out_of_time_now(), live=True)
    return pages.live().public().exclude(pk__in=out_of_time.values("pk"))


def out_of_time_now():
    now = timezone.now()
    return Q(go_live_at__gt=now) | Q(expire_at__lte=now)


def is_out_of_time(page):
    """The same test as out_of_time_now(), on a page already loaded."""
    now = timezone.now()
    return bool(
        (page.go_live_at and page.go_live_at > now) or (page.expire_at and page.expire_at <= now)
    )


def visible_pages():
    return visible_to_readers(Page.objects.all())


def only_visible(pages):
    """The given page instances that readers may see, in their order (one query)."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return []
    visible = set(
        visible_pages().filter(pk__in=[page.pk for page in pages]).values_list("pk", flat=True)
    )
    return [page for page in pages if page.pk in visible]


def is_visible_to_readers(page):
    return bool(page) and bool(only_visible([page]))


class ReaderPageQuerySet(PageQuerySet):
    def visible_to_readers(self):
        return visible_to_readers(self)


class InTimePagesMixin:
    """For page models: a page past its expiry (or before its go-live) answers 404 at its
    own URL even while `live` is still set, until the scheduler catches up. In serve(),
    not route(): the page cache remembers routes only of pages with Wagtail's own."""

    def serve(self, request, *args, **kwargs):
        if is_out_of_time(self):
            raise Http404("Not published at this time.")
        return super().serve(request, *args, **kwargs)
