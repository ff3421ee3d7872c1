"""The page-not-found page, and its preview for staff (and for anyone in development,
where Django shows its own debugging page in place of a 404)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from newsdesk.news.models import ArticlePage

LATEST_STORIES = 5


def page_not_found(request, exception=None):
    """handler404: status 404, with a search and the latest stories readers may see."""
    return render(request, "404.html", not_found_context(request), status=404)


@never_cache
def not_found_preview(request):
    if not (settings.DEBUG or request.user.has_perm("wagtailadmin.access_admin")):
        raise Http404("Only the newsroom's staff may preview this page.")
    # What a reader meets, so without the staff toolbar.
    context = not_found_context(request) | {"as_readers_see_it": True}
    return render(request, "404.html", context)


def not_found_context(request):
    # The address asked for is not repeated on the page, not even as a search: the crawl
    # of reader URLs (news/tests/crawl.py) then finds no embargoed words anywhere.
    site = Site.find_for_request(request)
    if site is None:
        return {"latest_stories": []}
    # The front page of the edition the address was under (/es/...: the Spanish one).
    front_page = site.root_page.localized
    return {"latest_stories": latest_stories(site), "home_url": front_page.get_url(request)}


def latest_stories(site):
    return list(
        ArticlePage.objects.below(site.root_page.localized)
        .visible_to_readers()
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")[:LATEST_STORIES]
    )
