"""The page-not-found page, and its preview for staff (and for anyone in development,
where Django shows its own debugging page in place of a 404)."""

import re

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from newsdesk.news.models import ArticlePage

LATEST_STORIES = 5
# The words of a mistyped or outdated address, offered as a search: at most this many.
SEARCH_WORDS = 6
WORD = re.compile(r"[^\W_]+")


def page_not_found(request, exception=None):
    """handler404: status 404, with a search and the latest stories readers may see."""
    return render(request, "404.html", not_found_context(request), status=404)


@never_cache
def not_found_preview(request):
    if not (settings.DEBUG or request.user.has_perm("wagtailadmin.access_admin")):
        raise Http404("Only the newsroom's staff may preview this page.")
    return render(request, "404.html", not_found_context(request, path="/a-story-that-moved/"))


def not_found_context(request, path=None):
    site = Site.find_for_request(request)
    return {
        "latest_stories": latest_stories(site) if site else [],
        "suggested_search": " ".join(words_in(path or request.path)),
    }


def latest_stories(site):
    return list(
        ArticlePage.objects.descendant_of(site.root_page)
        .visible_to_readers()
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")[:LATEST_STORIES]
    )


def words_in(path):
    """The words of an address's last part: "/news/sea-wall-vote/" gives sea wall vote."""
    last_part = path.rstrip("/").rsplit("/", 1)[-1][:200]
    return [word for word in WORD.findall(last_part) if not word.isdigit()][:SEARCH_WORDS]
