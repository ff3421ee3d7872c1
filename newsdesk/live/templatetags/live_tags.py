from django import template
from django.utils import dateformat, timezone
from django.utils.html import format_html

from newsdesk.core.templatetags.newsdesk_tags import html_datetime

from ..models import LiveChannel

register = template.Library()

# Within this many days, the weekday alone says which day a programme starts.
WEEKDAY_ALONE_DAYS = 7


@register.inclusion_tag("live/includes/header_links.html")
def live_links():
    """ "Live" and "Audio Only" in every page's header whenever a channel exists, on air or
    not: the channel's page says which, and when it is next on. The header shows no on-air
    state, so no page needs to expire when the channel goes on or off air."""
    return {"channel": LiveChannel.objects.for_readers().first()}


def clock(moment):
    return dateformat.format(timezone.localtime(moment), "H:i")


def starts_label(showing, now):
    """When a programme starts, in the newsroom's zone: "18:00" today, "06:00 on Monday"
    within the week ahead, "06:00 on Monday 14 December" beyond."""
    local = timezone.localtime(showing.starts_at)
    days = (local.date() - timezone.localdate(now)).days
    if days == 0:
        return clock(local)
    day = dateformat.format(local, "l" if days < WEEKDAY_ALONE_DAYS else "l j F")
    return f"{clock(local)} on {day}"


def times_label(showing):
    return f"{clock(showing.starts_at)}–{clock(showing.ends_at)}"  # noqa: RUF001


@register.simple_tag
def starts_at(showing, now):
    """The start of a programme, readable and machine-readable."""
    return format_html(
        '<time datetime="{}">{}</time>',
        html_datetime(showing.starts_at),
        starts_label(showing, now),
    )


@register.simple_tag
def on_between(showing):
    return format_html(
        '<time datetime="{}">{}</time>–<time datetime="{}">{}</time>',  # noqa: RUF001
        html_datetime(showing.starts_at),
        clock(showing.starts_at),
        html_datetime(showing.ends_at),
        clock(showing.ends_at),
    )
