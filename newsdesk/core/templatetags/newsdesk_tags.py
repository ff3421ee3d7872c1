from datetime import date, datetime
from urllib.parse import quote, urlencode

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
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


# How each place on a page writes a moment: (today, another day this year, another year),
# in Django's date format. The newsroom's day: TIME_ZONE, as the datetime attribute says.
TIME_STYLES = {
    "teaser": ("H:i", "j M", "j M Y"),
    "published": ("H:i T", "j F Y", "j F Y"),
    "updated": ("H:i T", "j F Y, H:i T", "j F Y, H:i T"),
    "entry": ("H:i", "H:i, j M", "H:i, j M Y"),
}


@register.inclusion_tag("components/time.html")
def reader_time(moment, style="teaser"):
    """A moment as readers see it: the time alone on the day it happened, else the date.

    The page may be read from a cache the next day, so today's clock time carries the
    date as well (data-day), which newsdesk.js shows once the day is over; teasers
    (data-ago) say "2 hours ago" there while the story is fresh."""
    if not isinstance(moment, datetime):
        return {"moment": None}
    today_format, day_format, year_format = TIME_STYLES[style]
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    now = timezone.localtime()
    shown = {"moment": moment}
    if style == "entry":  # a live blog's entries name the day in full on hover
        shown["title"] = format_date(local, "j F Y, H:i T")
    if local.date() == now.date():
        return shown | {
            "text": format_date(local, today_format),
            "day": format_date(local, day_format),
            "ago": style == "teaser",
        }
    other_day = day_format if local.year == now.year else year_format
    return shown | {"text": format_date(local, other_day)}
