"""{% site_footer year %}: the footer every page ends with.

    {% load footer_tags %}
    {% site_footer year %}

The sections are those of the header's menu; the links and social accounts are the
site's FooterSettings (editors change them in Settings > Footer); the X account and the
copyright holder come from NewsroomSettings. Links to pages readers may not see are left
out, so a page unpublished or scheduled never shows in the footer.
"""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.models import Site

from newsdesk.caching.metadata import add_tags_of
from newsdesk.core.models import NewsroomSettings
from newsdesk.core.navigation import menu_sections
from newsdesk.core.visibility import only_visible

from ..models import FooterLink, FooterSettings

register = template.Library()


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    rel: str = ""


@dataclass(frozen=True)
class Column:
    heading: str
    links: list


@register.inclusion_tag("about/footer.html", takes_context=True)
def site_footer(context, year):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    # for_request: the head and the share links read the same settings in this request.
    newsroom = NewsroomSettings.for_request(request) if site else None
    footer = FooterSettings.for_request(request) if site else None
    add_tags_of(newsroom, footer, "nav")  # the sections column is the header's menu
    columns = [sections_column(request), *link_columns(footer, request), feeds_column()]
    return {
        "columns": [column for column in columns if column.links],
        "social": social_links(footer, newsroom),
        "year": year,
        "copyright_holder": (newsroom.copyright_holder if newsroom else "")
        or (site.site_name if site else "")
        or "The Newsdesk",
    }


def sections_column(request):
    return Column(
        gettext("Sections"), [Link(section.title, url) for section, url in menu_sections(request)]
    )


def link_columns(footer, request):
    if footer is None:
        return []
    links = list(footer.links.select_related("page"))
    add_tags_of(*(link.page for link in links if link.page_id))
    shown_pages = {page.pk for page in only_visible(link.page for link in links)}
    columns = []
    for value, heading in FooterLink.Column.choices:
        column = [
            Link(link.label or link.page.title, link.page.get_url(request))
            if link.page_id
            else Link(link.label, link.url)
            for link in links
            if link.column == value and (not link.page_id or link.page_id in shown_pages)
        ]
        columns.append(Column(heading, column))
    return columns


def feeds_column():
    return Column(
        gettext("Feeds"),
        [
            Link("RSS", reverse("feeds:site", kwargs={"format": "rss"})),
            Link("Atom", reverse("feeds:site", kwargs={"format": "atom"})),
            Link("JSON Feed", reverse("feeds:site", kwargs={"format": "json"})),
            Link(gettext("Podcast"), reverse("feeds:audio", kwargs={"format": "rss"})),
        ],
    )


def social_links(footer, newsroom):
    links = []
    if newsroom and newsroom.x_handle:
        links.append(Link("X", f"https://x.com/{newsroom.x_handle}", rel="me"))
    if footer is not None:
        accounts = footer.social_accounts.all()
        links += [
            Link(account.get_network_display(), account.url, rel="me") for account in accounts
        ]
    return links
