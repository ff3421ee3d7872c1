from django import template
from django.conf import settings

from ..head import canonical_url as page_canonical_url
from ..head import document_title as build_document_title
from ..head import head_metadata as build_head_metadata
from ..head import topic_title as build_topic_title
from ..stories import site_name
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


@register.filter(is_safe=True)
def document_title(title, site):
    """{% filter document_title:current_site %}{% block title %}...{% endblock %}{% endfilter %}"""
    name = site_name(site) if site else settings.WAGTAIL_SITE_NAME
    return build_document_title(title, name)


@register.filter
def topic_title(topic):
    return build_topic_title(topic)
