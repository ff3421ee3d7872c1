"""Wagtail's routing, remembered: which page a path leads to.

Wagtail finds a page by walking the tree from the site's root, a query or two per level.
Here the answer (page id, type and the page's url_path) is kept per site and path, and
on the next request only that page is fetched and checked: it must still be live and
still sit at that url_path. A page moved, renamed, unpublished or deleted fails the check
and the walk runs again, so a remembered route can be wasted but never wrong, and needs
no purge.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.utils.deprecation import MiddlewareMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from .conf import cache_settings

ROUTE_SECONDS = 24 * 3600


class RouteMemoryMiddleware(MiddlewareMixin):
    """Around Wagtail's serve view: the remembered route first, the walk's answer kept."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or not is_remembering():
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        remembered = route_from_memory(request, path)
        if remembered is not None:
            # Wagtail's own per-request memo (Page.route_for_request): serve() takes it.
            request._wagtail_route_for_request = remembered
        else:
            request.newsdesk_route_path = path
        return None

    def process_response(self, request, response):
        path = getattr(request, "newsdesk_route_path", None)
        if path is not None and response.status_code == 200:
            remember_route(request, path)
        return response


def route_from_memory(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    entry = route_cache().get(route_key(site, path))
    if entry is None:
        return None
    model_label, page_id, url_path = entry
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return None
    page = model.objects.filter(pk=page_id, live=True, url_path=url_path).first()
    return RouteResult(page) if page is not None else None


def remember_route(request, path):
    route = getattr(request, "_wagtail_route_for_request", None)
    if route is None:
        return
    page, args, kwargs = route
    # Only plain routes: a page that answers sub-paths itself decides per request.
    if args or kwargs or not is_plain_route(page):
        return
    site = Site.find_for_request(request)
    if site is None:
        return
    entry = (page._meta.label, page.pk, page.url_path)
    route_cache().set(route_key(site, path), entry, timeout=ROUTE_SECONDS)


def is_plain_route(page):
    return type(page).route is Page.route


def is_remembering():
    # With translations the same path may lead to a page per locale.
    return cache_settings.ROUTES and not getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def route_key(site, path):
    """Per site and its root page: a site given another root routes anew."""
    components = "/".join(component for component in path.split("/") if component)
    digest = hashlib.sha1(components.encode(), usedforsecurity=False).hexdigest()
    return f"route:{site.pk}:{site.root_page_id}:{digest}"


def route_cache():
    return caches[cache_settings.ALIAS]
