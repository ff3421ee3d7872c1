"""Page URLs on their edition's host, when the newsroom gives each edition a host.

Wagtail lists every Site once for each translation of its front page (Site.
get_site_root_paths), so a Spanish story belongs to the Spanish host and, through its
front page's translation, to the English one too; Wagtail then names whichever host the
request came in on, and a link from the English edition to the Spanish story would stay
on the English host, which does not serve it.

Wagtail's way to change a page's URL is to override get_url_parts on the page model, but
menus, alternates, sitemaps and feeds link plain Page instances of every type: in host
mode EditionsConfig.ready() wraps Page.get_url_parts itself, so every link to a page
names its edition's host. In the default prefix mode the wrapper passes Wagtail's answer on.
"""

from functools import wraps

from wagtail.models import Page, Site

from .conf import host_mode


def on_own_host(get_url_parts):
    @wraps(get_url_parts)
    def get_url_parts_on_own_host(page, request=None):
        parts = get_url_parts(page, request=request)
        if parts is None or parts[2] is None or not host_mode():
            return parts
        own = own_site_root(page, request)
        if own is None or own.site_id == parts[0]:
            return parts
        # The same front page, so the same path under it: only the host changes.
        return own.site_id, own.root_url, parts[2]

    get_url_parts_on_own_host.on_own_host = True
    return get_url_parts_on_own_host


def own_site_root(page, request):
    """The page's site root path on the Site whose own front page is above the page."""
    front_pages = site_front_page_paths(request)
    for root in page._get_relevant_site_root_paths(request):
        if front_pages.get(root.site_id) == root.root_path:
            return root
    return None


def site_front_page_paths(request):
    """{site id: its own front page's url_path}, once per request."""
    memo = getattr(request, "_site_front_page_paths", None)
    if memo is None:
        memo = dict(Site.objects.values_list("pk", "root_page__url_path"))
        if request is not None:
            request._site_front_page_paths = memo
    return memo


def page_urls_on_own_host():
    if not getattr(Page.get_url_parts, "on_own_host", False):
        Page.get_url_parts = on_own_host(Page.get_url_parts)
