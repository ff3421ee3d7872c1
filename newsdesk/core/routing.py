"""Routing by url_path: the page a path leads to, found in one query instead of a walk.

Wagtail walks the tree from the site's root, two queries a level (the child by slug, then
its specific page), so a story three levels down costs seven before it renders, and
every cold render (each one after a purge) pays them. A site root with this mixin fetches
every page on the path at once by url_path (Wagtail keeps it up to date on every move
and slug change), then the last one's specific page. When any page on the way routes in
its own way (an overridden route()), Wagtail's walk decides, so nothing answers
differently; where the pages stop short of the path, it is not found, as the walk finds.
"""

from django.http import Http404
from wagtail.models import Page


class UrlPathRoutingMixin:
    def route(self, request, path_components):
        pages = pages_on_path(self, path_components) if path_components else None
        if pages is None:
            return super().route(request, path_components)
        if len(pages) < len(path_components):
            raise Http404  # where Wagtail's walk would stop: no child by that slug
        return pages[-1].specific.route(request, [])


def pages_on_path(root, path_components):
    """The pages at each level of `path_components` below `root`, as far down as there
    are any, if each routes as Wagtail's Page does (the last one found may route in its
    own way when it is the page asked for); None when Wagtail's walk must decide."""
    url_paths = [
        root.url_path + "".join(f"{slug}/" for slug in path_components[:depth])
        for depth in range(1, len(path_components) + 1)
    ]
    pages = list(
        Page.objects.filter(url_path__in=url_paths, path__startswith=root.path).order_by("depth")
    )
    if [page.url_path for page in pages] != url_paths[: len(pages)]:
        return None
    on_the_way = pages[:-1] if len(pages) == len(url_paths) else pages
    if not all(routes_plainly(page.specific_class) for page in on_the_way):
        return None
    parent = root
    for page in pages:
        page._cached_parent_obj = parent  # as Wagtail's walk leaves it
        parent = page
    return pages


def routes_plainly(page_class):
    """Whether a page of this class routes as Wagtail's Page does: to its children by
    slug, to itself with no sub-path (this mixin's route() finds the same pages)."""
    return page_class is not None and page_class.route in PLAIN_ROUTES


PLAIN_ROUTES = (Page.route, UrlPathRoutingMixin.route)
