"""Routing by url_path: the page a path leads to, found in one query instead of a walk.

Wagtail walks the tree from the site's root, two queries a level (the child by slug, then
its specific page), so a story three levels down costs seven before it renders, and
every cold render (each one after a purge) pays them. A site root with this mixin fetches
every page on the path at once by url_path (Wagtail keeps it up to date on every move
and slug change), then the last one's specific page. When any page on the way routes in
its own way (an overridden route()), Wagtail's walk decides, so nothing answers
differently; where the pages stop short of the path, it is not found, as the walk finds.
"""

from django.db.models import Q
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

# Deeper than any page can be (treebeard's path column): such a path is left to the
# walk, which stops at its first unknown slug, rather than asking for every prefix of it.
DEEPEST_PAGE = Page._meta.get_field("path").max_length // Page.steplen
# Sites' root pages sit right below the tree's root.
SITE_ROOT_DEPTH = 2


class UrlPathRoutingMixin:
    def route(self, request, path_components):
        looked_up = 0 < len(path_components) <= DEEPEST_PAGE - self.depth
        found = pages_on_path(self, path_components) if looked_up else None
        if found is None:
            return super().route(request, path_components)
        tree_root, pages = found
        if len(pages) < len(path_components):
            raise Http404  # where Wagtail's walk would stop: no child by that slug
        return page_asked_for([tree_root, self, *pages]).route(request, [])

    route.plain = True  # it finds what Wagtail's Page.route finds (routes_plainly)


def pages_on_path(root, path_components):
    """The tree's root, and the pages at each level of `path_components` below `root` as
    far down as there are any, if each routes as Wagtail's Page does (the last one found
    may route in its own way when it is the page asked for); None when Wagtail's walk
    must decide."""
    url_paths = [
        root.url_path + "".join(f"{slug}/" for slug in path_components[:depth])
        for depth in range(1, len(path_components) + 1)
    ]
    at_tree_root = Q(path=root.path[: Page.steplen])  # its restrictions apply below it
    below_root = Q(url_path__in=url_paths, path__startswith=root.path)
    pages = list(Page.objects.filter(at_tree_root | below_root).order_by("depth"))
    tree_root = pages.pop(0) if pages and pages[0].depth == 1 else None
    if [page.url_path for page in pages] != url_paths[: len(pages)]:
        return None
    on_the_way = pages[:-1] if len(pages) == len(url_paths) else pages
    if not all(routes_plainly(page.specific_class) for page in on_the_way):
        return None
    parent = root
    for page in pages:
        page._cached_parent_obj = parent  # as Wagtail's walk leaves it
        parent = page
    return tree_root, pages


def page_asked_for(tree):
    """The last page of `tree` (the pages from the tree's root down to it) as its specific
    page, with its locale and the view restrictions of the pages above it (Wagtail
    would query for its ancestors again)."""
    page = tree[-1]
    model = page.specific_class or type(page)
    specific = model._default_manager.select_related("locale").get(pk=page.pk)
    specific._cached_parent_obj = page._cached_parent_obj
    if None not in tree and not any(ancestor.alias_of_id for ancestor in tree):
        ids = [ancestor.pk for ancestor in tree]
        specific.kept_view_restrictions = PageViewRestriction.objects.filter(page_id__in=ids)
    return specific


def routed_ancestors(page):
    """The pages above `page` from the site's root page down, as routing fetched them on
    the way to it (each with its parent cached); None when it was not routed to."""
    above = []
    current = page
    while current.depth > SITE_ROOT_DEPTH:
        current = current.__dict__.get("_cached_parent_obj")
        if current is None:
            return None
        above.append(current)
    return above[::-1]


def routes_plainly(page_class):
    """Whether a page of this class routes as Wagtail's Page does: to its children by
    slug, to itself with no sub-path (a route() marked plain finds the same pages).
    caching/routes.py asks the same of the mark: it may not import this module, and
    this one is loaded with the page models, before the caching app could be."""
    route = getattr(page_class, "route", None)
    return route is not None and (route is Page.route or getattr(route, "plain", False))
