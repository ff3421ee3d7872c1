"""Wagtail's routing, remembered: which page a path leads to.

Wagtail finds a page by walking the tree from the site's root, a query or two per level.
Here the page's id, type and url_path are kept per site and path; the page is fetched by
id and must still be live and at that url_path, or the tree is walked again: a
remembered route can be wasted but never wrong, so it needs no purge.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from .conf import cache_settings

# Checked against the page row on every use: kept long.
ROUTE_SECONDS = 24 * 3600


class RouteMemoryMiddleware(MiddlewareMixin):
    """Before Wagtail's serve view: the request's route, remembered or walked."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or not is_remembering():
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        site = Site.find_for_request(request)
        if site is None:
            return None
        # Wagtail's own per-request memo (Page.route_for_request): serve() takes it.
        request._wagtail_route_for_request = find_route(request, site, path)
        return None


def remembered_route(site, path):
    entry = route_cache().get(route_key(site, path))
    if entry is None:
        return None
    model_label, page_id, url_path = entry
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return None
    # The locale with it: serving checks the page belongs to the edition asked for.
    pages = model.objects.filter(pk=page_id, live=True, url_path=url_path)
    page = pages.select_related("locale").first()
    return RouteResult(page) if page is not None else None


def find_route(request, site, path):
    """The remembered route (checked against the page row) or Wagtail's own walk; a plain
    route is remembered."""
    route = remembered_route(site, path)
    if route is None:
        route = Page.route_for_request(request, path)
        if route is not None and is_plain(route):
            remember_route(route.page, site, path)
    return route


def remember_route(page, site, path):
    entry = (page._meta.label, page.pk, page.url_path)
    route_cache().set(route_key(site, path), entry, timeout=ROUTE_SECONDS)


def is_plain(route):
    """Only plain routes are remembered: the page found by the tree walk alone, with no
    sub-path to answer, and no page on the way that routes in its own way (a routable
    page decides per request)."""
    if route.args or route.kwargs or not has_plain_routing(type(route.page)):
        return False
    ancestors = route.page.get_ancestors().only("content_type")
    return all(has_plain_routing(ancestor.specific_class) for ancestor in ancestors)


def has_plain_routing(page_class):
    """Routes as Wagtail's Page does: a route() marked `plain` finds the same pages (the
    site root's, which looks them up by url_path) and counts as Wagtail's own."""
    route = getattr(page_class, "route", None)
    return route is not None and (route is Page.route or getattr(route, "plain", False))


def is_remembering():
    return cache_settings.ROUTES


def route_key(site, path):
    """Per site and its root page (a site given another root routes anew) and, with
    translations, per active language: Wagtail walks from the root's translation in it."""
    language = translation.get_language() if settings.WAGTAIL_I18N_ENABLED else ""
    return f"route:{site.pk}:{site.root_page_id}:{language}:{path_digest(path)}"


def path_digest(path):
    components = "/".join(component for component in path.split("/") if component)
    return hashlib.sha1(components.encode(), usedforsecurity=False).hexdigest()


def route_cache():
    return caches[cache_settings.ALIAS]
