from datetime import date, datetime
from urllib.parse import quote, urlencode

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from wagtail.models import Page, Site

from newsdesk.core.models import NewsroomSettings
from newsdesk.core.navigation import menu_sections

register = template.Library()


@register.inclusion_tag("components/section_nav.html", takes_context=True)
def section_nav(context):
    """The top-level sections of the current site, as the header's navigation."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page") or context.get("self")
    current_path = current.path if isinstance(current, Page) else ""
    return {
        "sections": [
            (section, url, current_path.startswith(section.path))
            for section, url in menu_sections(request)
        ],
        "home_url": site.root_page.localized.get_url(request) if site else "/",
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
            (_("Email"), "mailto:?" + query(subject=title, body=url)),
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
# The formats are translated (context "date format"): Spanish says "2 de diciembre".
TIME_STYLES = {
    "teaser": ("H:i", "j M", "j M Y"),
    "published": ("H:i T", "j F Y", "j F Y"),
    "updated": ("H:i T", "j F Y, H:i T", "j F Y, H:i T"),
    "entry": ("H:i", "H:i, j M", "H:i, j M Y"),
}
# Every format above and in DATE_STYLES, marked here so makemessages finds each one.
DATE_FORMATS = [
    pgettext_lazy("date format", "H:i"),
    pgettext_lazy("date format", "H:i T"),
    pgettext_lazy("date format", "j M"),
    pgettext_lazy("date format", "j M Y"),
    pgettext_lazy("date format", "j F Y"),
    pgettext_lazy("date format", "j F Y, H:i T"),
    pgettext_lazy("date format", "H:i, j M"),
    pgettext_lazy("date format", "H:i, j M Y"),
]
# Dates written out in full: {{ value|reader_date }} or {{ value|reader_date:"moment" }}.
DATE_STYLES = {"day": "j F Y", "moment": "j F Y, H:i T"}


def local_format(moment, date_format):
    """A moment in the active language's words and its own order of them."""
    return format_date(moment, pgettext("date format", date_format))


@register.filter
def reader_date(value, style="day"):
    """A date or moment as readers read it, in the edition's language: "2 December 2026",
    "2 de diciembre de 2026"."""
    if not isinstance(value, date):
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return local_format(value, DATE_STYLES[style])


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
        shown["title"] = local_format(local, DATE_STYLES["moment"])
    if local.date() == now.date():
        return shown | {
            "text": local_format(local, today_format),
            "day": local_format(local, day_format),
            "ago": style == "teaser",
        }
    other_day = day_format if local.year == now.year else year_format
    return shown | {"text": local_format(local, other_day)}
