from django import template

from ..head import canonical_url as page_canonical_url
from ..head import head_metadata as build_head_metadata
from ..structured_data import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def head_metadata(context):
    """Feed links, social card tags and JSON-LD for the page being rendered."""
    if "request" not in context:
        return None
    return build_head_metadata(context)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    if "request" not in context:
        return ""
    return page_canonical_url(context)


@register.filter
def json_ld(data):
    return json_ld_script(data)
