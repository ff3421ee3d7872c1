"""{% cache_tags obj "list-front" ... %}: the tags of what this template shows, added to
the response being rendered (metadata.py). Objects become tags through the
`newsdesk_cache_tags` hook; strings are tags. Renders nothing; costs nothing outside a
cacheable request."""

import time

from django import template

from ..metadata import add_tags_of, limit_cache_lifetime

register = template.Library()


@register.simple_tag
def cache_tags(*objects):
    add_tags_of(*objects)
    return ""


@register.simple_tag
def cache_until(moment):
    """What this template shows changes at `moment` (a datetime) with no save to purge on:
    the response is kept no longer."""
    if moment is not None:
        limit_cache_lifetime(moment.timestamp() - time.time())
    return ""
