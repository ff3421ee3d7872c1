"""What readers may see: the one definition every reader-facing listing, link and endpoint
goes through.

A page is visible to readers when it is live, carries no view restriction (login,
password or groups) on itself or an ancestor, its go-live time has passed and its expiry
has not. Wagtail flips `live` for scheduled and expired pages only when the scheduler runs
(`publish_scheduled`), so the times are checked here too. Imports only Wagtail, so any app
can use it.
"""

import threading
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet


def visible_to_readers(pages):
    """The pages of a PageQuerySet (of any page type) that readers may see.

    The times are checked by page id, not as filters on go_live_at and expire_at, so the
    queryset can still be searched (search backends filter only on indexed fields, and
    the base Page indexes its id but not its times)."""
    out_of_time = Page.objects.filter(out_of_time_now(), live=True)
    return pages.live().filter(public_now()).exclude(pk__in=out_of_time.values("pk"))


# Wagtail's PageQuerySet.public() reads every view restriction each time it is called:
# three times for a 404 page, more for an article. A reader's GET changes none, so
# RestrictionsReadOnceMiddleware keeps the first answer for the rest of the request.
_restricted_paths_of_request = ContextVar("newsdesk_restricted_paths", default=None)


def public_now():
    """The same filter as PageQuerySet.public(): no restriction on the page or above it."""
    public = Q()
    for path in restricted_paths():
        public &= ~Q(path__startswith=path)
    return public


def restricted_paths():
    kept = _restricted_paths_of_request.get()
    # By thread: an async view's database work runs in threads of its own, each with its
    # own connection, which may see another transaction (a test's, for one).
    thread = threading.get_ident()
    if kept is not None and thread in kept:
        return kept[thread]
    paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    if kept is not None:
        kept[thread] = paths
    return paths


@contextmanager
def restrictions_read_once():
    token = _restricted_paths_of_request.set({})
    try:
        yield
    finally:
        _restricted_paths_of_request.reset(token)


class RestrictionsReadOnceMiddleware:
    """Reads (GET, HEAD) look the view restrictions up once; a POST may change them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with restrictions_read_once():
            return self.get_response(request)


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
    """The given page instances that readers may see, in their order: the test of
    visible_to_readers() on pages already loaded, with the view restrictions read once a
    request (restricted_paths()), so no query of its own."""
    restricted = restricted_paths()
    return [
        page
        for page in pages
        if page is not None
        and page.live
        and not is_out_of_time(page)
        and not page.path.startswith(restricted)
    ]


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
