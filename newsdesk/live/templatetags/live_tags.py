from django import template

from ..models import LiveChannel

register = template.Library()


@register.inclusion_tag("live/includes/header_links.html")
def live_links():
    """ "Live" and "Audio Only" in every page's header, while a channel is on air."""
    return {"channel": LiveChannel.objects.on_air().first()}
