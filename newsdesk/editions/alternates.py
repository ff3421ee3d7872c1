"""A page's versions in each edition that readers may see: the hreflang links in the head
and the sitemap, and where the language switcher leads."""

from typing import NamedTuple

from wagtail.models import Page, Site

from newsdesk.core.visibility import visible_to_readers

from .conf import Edition, current_edition, default_edition, edition, editions


class Alternate(NamedTuple):
    edition: Edition
    url: str  # absolute
    is_current: bool


def reader_translations(page, request=None):
    """{language code: page} for the page and its translations readers may see; once per
    request, with the edition front pages' (the head's hreflang links and the switcher
    both ask), in one query."""
    if not isinstance(page, Page) or page.translation_key is None:
        return {}
    memo = request.__dict__.setdefault("_reader_translations", {}) if request else {}
    if page.translation_key not in memo:
        keys = {page.translation_key} | front_page_keys(request)
        for key in keys:
            memo.setdefault(key, {})
        pages = visible_to_readers(Page.objects.filter(translation_key__in=keys))
        for each in pages.select_related("locale"):
            memo[each.translation_key][each.locale.language_code] = each
    return memo[page.translation_key]


def front_page_keys(request):
    site = Site.find_for_request(request) if request else None
    return {site.root_page.translation_key} if site is not None else set()


def front_pages(site, request=None):
    """{language code: the edition's front page} of the site, published ones only."""
    if site is None:
        return {}
    return reader_translations(site.root_page, request)


def page_alternates(page, request=None):
    """Every edition's version of the page, in the editions' order; empty when the page
    has no translation readers may see (a lone page needs no hreflang)."""
    found = reader_translations(page, request)
    if len(found) < 2:
        return []
    return [
        Alternate(edition(code), found[code].get_full_url(request), found[code].pk == page.pk)
        for code in ordered(found)
    ]


def x_default(alternates):
    """The version for readers whose language has no edition: the default edition's."""
    for alternate in alternates:
        if alternate.edition.code == default_edition().code:
            return alternate.url
    return alternates[0].url if alternates else ""


def switcher_links(page, request):
    """(edition, url, is_current) for each edition: the same story where it is translated,
    else that edition's front page; editions without a front page are left out."""
    site = Site.find_for_request(request) if request else None
    fronts = front_pages(site, request)
    translated = reader_translations(page, request) if isinstance(page, Page) else {}
    current = page.locale.language_code if isinstance(page, Page) else current_edition().code
    links = []
    for each in editions():
        target = translated.get(each.code) or fronts.get(each.code)
        if target is None:
            continue
        links.append(Alternate(each, target.get_url(request), each.code == current))
    return links


def ordered(codes):
    order = [each.code for each in editions()]
    return sorted(codes, key=lambda code: order.index(code) if code in order else len(order))
