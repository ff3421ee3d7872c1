from django.conf.urls.i18n import i18n_patterns

from .conf import host_mode


def edition_patterns(*urls):
    """The reader URLs of every edition: /es/... for Spanish (the default edition has no
    prefix), or the same paths on each edition's host."""
    if host_mode():
        return list(urls)
    return i18n_patterns(*urls, prefix_default_language=False)
