"""The response header that carries a page's tags to the caches in front: `xkey` for
Varnish's xkey vmod, `Surrogate-Key` for Fastly (both space-separated) or `Cache-Tag`
for Cloudflare (comma-separated), by NEWSDESK_CACHE_TAG_HEADER.

The header is set on every cacheable response and stored with the page; it is sent on
only when a cache in front needs it (SEND_TAGS, by default: when Wagtail's front-end
cache is configured) or a developer wants to see it (the development settings of `make
run`). Otherwise the app is the edge and leaves the header out of what readers get.
Varnish removes it before readers itself (the VCL).
"""

from django.conf import settings

from .conf import cache_settings

COMMA_SEPARATED = frozenset({"cache-tag"})


def separator():
    return "," if cache_settings.TAG_HEADER.lower() in COMMA_SEPARATED else " "


def add_tag_header(response, tags):
    if tags:
        response[cache_settings.TAG_HEADER] = separator().join(tags)


def tags_in_header(value):
    return [tag for tag in value.replace(",", " ").split() if tag]


def is_sending_tags():
    if cache_settings.SEND_TAGS is not None:
        return bool(cache_settings.SEND_TAGS)
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def headers_for_readers(headers):
    """headers: (name, value) pairs; without the tag header when the app is the edge."""
    if is_sending_tags():
        return list(headers)
    name = cache_settings.TAG_HEADER.lower()
    return [(key, value) for key, value in headers if key.lower() != name]
