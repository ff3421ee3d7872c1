"""Wagtail's routing, remembered: which site a request is for and which page a path
leads to.

Wagtail finds a page by walking the tree from the site's root, a query or two per level.
Here the answer is kept two ways:

* For anonymous readers' requests (those that carry the page store's generations, see
  fragments.py) the site and the page itself are kept under those generations: the
  site-wide one and the path's own, which every publish, unpublish, move or deletion of
  the page, and any change to a site, retires. As fresh as the page cache's pages.
  The page's view restrictions go with it (any change to one purges everything) for the
  page types that take them (KeptRestrictionsMixin).
* For everyone, the page's id, type and url_path per site and path. The page is fetched
  by id and must still be live and at that url_path, or the tree is walked again: a
  remembered route can be wasted but never wrong, and needs no purge.
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
from .fragments import GENERATIONS_ATTR
from .generational import generational_values
from .restrictions import KeptRestrictionsMixin

# Checked against the page row on every use: kept long.
ROUTE_SECONDS = 24 * 3600


class RouteMemoryMiddleware(MiddlewareMixin):
    """Before Wagtail's serve view: the request's site and route, remembered or walked."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or not is_remembering():
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        generations = getattr(request, GENERATIONS_ATTR, None)
        if generations is not None and None in generations:
            generations = None  # the cache did not answer
        site = remembered_site(request, generations)
        if site is None:
            return None
        route = kept_route(site, path, generations) or find_route(request, site, path, generations)
        # Wagtail's own per-request memo (Page.route_for_request): serve() takes it.
        request._wagtail_route_for_request = route
        return None


def remembered_site(request, generations):
    """The request's site, given to Wagtail's memo for Site.find_for_request."""
    if generations is None:
        return Site.find_for_request(request)
    host = hashlib.sha1(request._get_raw_host().encode(), usedforsecurity=False).hexdigest()
    key = f"site:{generations[0]}:{host}:{request.get_port()}"
    site = generational_values.get(route_cache(), key)
    if site is None:
        site = Site.find_for_request(request)
        if site is not None:
            generational_values.set(route_cache(), key, site, timeout=cache_settings.TTL)
    request._wagtail_site = site
    return site


def kept_route(site, path, generations):
    if generations is None:
        return None
    page = generational_values.get(route_cache(), kept_page_key(site, path, generations))
    return RouteResult(page) if page is not None else None


def remembered_route(site, path):
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


def find_route(request, site, path, generations):
    """The remembered route (checked against the page row) or Wagtail's own walk; a plain
    route is remembered, and kept for anonymous readers."""
    route = remembered_route(site, path)
    if route is None:
        route = Page.route_for_request(request, path)
        if route is None or not is_plain(route):
            return route
        remember_route(route.page, site, path)
    if generations is not None:
        keep_route(route, site, path, generations)
    return route


def remember_route(page, site, path):
    entry = (page._meta.label, page.pk, page.url_path)
    route_cache().set(route_key(site, path), entry, timeout=ROUTE_SECONDS)


def keep_route(route, site, path, generations):
    """Kept before the page is rendered: nothing computed for this request goes with it."""
    page = route.page
    if isinstance(page, KeptRestrictionsMixin):
        page.kept_view_restrictions = list(page.get_view_restrictions())
    # No longer than a page is kept: a change no purge covers shows within the TTL.
    key = kept_page_key(site, path, generations)
    generational_values.set(route_cache(), key, page, timeout=cache_settings.TTL)


def is_plain(route):
    """Only plain routes are remembered: the page found by the tree walk alone, with no
    sub-path to answer, and no page on the way that routes in its own way (a routable
    page decides per request)."""
    if route.args or route.kwargs or not has_plain_routing(type(route.page)):
        return False
    ancestors = route.page.get_ancestors().only("content_type")
    return all(has_plain_routing(ancestor.specific_class) for ancestor in ancestors)


def has_plain_routing(page_class):
    return page_class is not None and page_class.route is Page.route


def is_remembering():
    # With translations the same path may lead to a page per locale.
    return cache_settings.ROUTES and not getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def route_key(site, path):
    """Per site and its root page: a site given another root routes anew."""
    return f"route:{site.pk}:{site.root_page_id}:{path_digest(path)}"


def kept_page_key(site, path, generations):
    everything, own_path = generations
    return f"route-page:{everything}:{own_path}:{site.pk}:{path_digest(path)}"


def path_digest(path):
    components = "/".join(component for component in path.split("/") if component)
    return hashlib.sha1(components.encode(), usedforsecurity=False).hexdigest()


def route_cache():
    return caches[cache_settings.ALIAS]
