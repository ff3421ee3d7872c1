"""The site's top-level sections, as the header's menu and the footer both list them.

Read once per request: the two would otherwise ask the database the same question, and
work out each section's URL (Wagtail's site root paths, a cache read per page instance
unless the request is given) twice.
"""

from wagtail.models import Page, Site


def menu_sections(request):
    """[(section page, its URL)] of the request's site, in the tree's order."""
    if request is None:
        return []
    try:
        return request.newsdesk_menu_sections
    except AttributeError:
        pass
    site = Site.find_for_request(request)
    sections = []
    if site is not None:
        pages = Page.objects.child_of(site.root_page.localized).live().in_menu().order_by("path")
        sections = [(page, page.get_url(request)) for page in pages]
    request.newsdesk_menu_sections = sections
    return sections
