from datetime import date, datetime
from urllib.parse import quote, urlencode

from django import template
from django.utils import timezone
from wagtail.models import Page, Site

from newsdesk.core.models import NewsroomSettings

register = template.Library()


@register.inclusion_tag("components/section_nav.html", takes_context=True)
def section_nav(context):
    """The top-level sections of the current site, as the header's navigation."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    sections = Page.objects.none()
    if site:
        sections = Page.objects.child_of(site.root_page).live().in_menu().order_by("path")
    current = context.get("page") or context.get("self")
    current_path = current.path if isinstance(current, Page) else ""
    return {
        "sections": [(section, current_path.startswith(section.path)) for section in sections],
        "home_url": site.root_page.url if site else "/",
    }


@register.simple_tag(takes_context=True)
def current_section_path(context):
    """The tree path of the top-level section the current page is in ("" outside any):
    what the section menu marks, and so what the shared header varies by."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page") or context.get("self")
    if site is None or not isinstance(current, Page):
        return ""
    section_depth = site.root_page.depth + 1
    if current.depth < section_depth:
        return ""
    return current.path[: section_depth * Page.steplen]


@register.inclusion_tag("components/share_links.html", takes_context=True)
def share_links(context, url, title):
    """Plain share links: no third-party script runs until the reader clicks one."""

    def query(**params):
        return urlencode({key: value for key, value in params.items() if value}, quote_via=quote)

    request = context.get("request")
    via = NewsroomSettings.for_request(request).x_handle if request else ""

    return {
        "url": url,
        "links": [
            ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + query(u=url)),
            ("X", "https://twitter.com/intent/tweet?" + query(url=url, text=title, via=via)),
            ("WhatsApp", "https://wa.me/?" + query(text=f"{title} {url}")),
            ("Telegram", "https://t.me/share/url?" + query(url=url, text=title)),
            ("Email", "mailto:?" + query(subject=title, body=url)),
        ],
    }


@register.filter
def html_datetime(value):
    """A moment as a <time datetime> attribute: ISO 8601 to the second, in the newsroom's
    time zone with its offset. Every machine-readable time on a page goes through here:
    Python writes six decimals of a second and `date:'c'` keeps them, HTML allows three."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""
