from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext, pgettext, pgettext_lazy

from newsdesk.caching.metadata import add_cache_tags
from newsdesk.core.templatetags.newsdesk_tags import html_datetime, local_format

from ..models import LiveChannel
from ..page_cache import CHANNELS_TAG

register = template.Library()

# Within this many days, the weekday alone says which day a programme starts.
WEEKDAY_ALONE_DAYS = 7
# The days programmes start on, in Django's date format; local_format translates them as
# it does newsdesk_tags' own (context "date format"): "Tuesday", "martes", "الثلاثاء".
WEEKDAY, WEEKDAY_AND_DATE = "l", "l j F"
DATE_FORMATS = [
    pgettext_lazy("date format", "l"),
    pgettext_lazy("date format", "l j F"),
]
# A number in each plural category of Intl.PluralRules, in every language that has the
# category (CLDR): the page carries a text per category, and a script counting something
# takes the one of its count's category (live_blog.js: "3 new updates").
PLURAL_SAMPLES = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 11, "other": 100}


@register.inclusion_tag("live/includes/header_links.html")
def live_links():
    """ "Live" and "Audio Only" in every page's header whenever the edition being read has
    a channel, on air or not: the channel's page says which, and when it is next on. An
    edition without one links none (never another edition's). The header shows no on-air
    state, so no page needs to expire when the channel goes on or off air."""
    add_cache_tags(CHANNELS_TAG)
    return {"channel": LiveChannel.objects.for_readers().of_edition().first()}


def clock(moment):
    return local_format(timezone.localtime(moment), "H:i")


def starts_label(showing, now):
    """When a programme starts, in the newsroom's zone and the edition's language: "18:00"
    today, "18:00 on Tuesday" within the week ahead, "06:00 on Monday 14 December" beyond
    ("martes a las 18:00")."""
    local = timezone.localtime(showing.starts_at)
    days = (local.date() - timezone.localdate(now)).days
    if days == 0:
        return clock(local)
    day = local_format(local, WEEKDAY if days < WEEKDAY_ALONE_DAYS else WEEKDAY_AND_DATE)
    return pgettext("programme start", "%(time)s on %(day)s") % {"time": clock(local), "day": day}


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


@register.simple_tag
def new_updates_texts():
    """The live blog's "N new updates" button in the edition's language, as attributes
    (data-new-one="{count} new update" ...) for live_blog.js, which counts them."""
    return format_html_join(
        " ",
        'data-new-{}="{}"',
        (
            (
                category,
                ngettext("%(count)s new update", "%(count)s new updates", number)
                % {"count": "{count}"},
            )
            for category, number in PLURAL_SAMPLES.items()
        ),
    )
