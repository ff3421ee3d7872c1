from django import template
from wagtail.models import Page

from ..alternates import page_alternates, switcher_links, x_default
from ..conf import COOKIE_NAME, current_edition
from ..conf import edition as edition_of
from ..models import TranslationState

register = template.Library()


def current_page(context):
    page = context.get("page") or context.get("self")
    return page if isinstance(page, Page) else None


@register.simple_tag
def edition():
    """The edition being rendered: {% edition as edition %}{{ edition.direction }}"""
    return current_edition()


@register.inclusion_tag("editions/alternates.html", takes_context=True)
def edition_alternates(context):
    """<link rel="alternate" hreflang> for each translation of the page, and x-default."""
    page = current_page(context)
    alternates = page_alternates(page, context.get("request")) if page else []
    return {"alternates": alternates, "x_default": x_default(alternates)}


@register.inclusion_tag("editions/switcher.html", takes_context=True)
def edition_switcher(context):
    request = context.get("request")
    links = switcher_links(current_page(context), request) if request else []
    return {"links": links if len(links) > 1 else [], "cookie_name": COOKIE_NAME}


@register.simple_tag(takes_context=True)
def is_default_front_page(context):
    """The default edition's front page: the home URL, where a reader's remembered
    edition is honoured (editions/edition.js)."""
    page = current_page(context)
    return bool(page) and page.depth == 2 and current_edition().is_default


@register.inclusion_tag("editions/translation_notice.html")
def translation_notice(page):
    """Readers of a translation older than its source are told, with a link to it."""
    state = (
        TranslationState.objects.filter(translation_id=page.pk, stale_since__isnull=False)
        .select_related("source", "source__locale")
        .first()
    )
    source = state.source.specific if state and state.source.live else None
    if source is None:
        return {}
    return {"source": source, "source_edition": edition_of(source.locale.language_code)}
