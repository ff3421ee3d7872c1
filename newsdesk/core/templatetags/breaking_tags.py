"""{% breaking_news %}: the breaking-news banner of the edition being read, in the header."""

from django import template

from newsdesk.core.models import BreakingNews

register = template.Library()


@register.inclusion_tag("components/breaking_news.html", takes_context=True)
def breaking_news(context):
    """Each edition shows its own banner, never another edition's: the header fragment
    that holds it varies by edition (base.html)."""
    request = context.get("request")
    return {
        "breaking": BreakingNews.for_request(request) if request else None,
        "request": request,
    }
