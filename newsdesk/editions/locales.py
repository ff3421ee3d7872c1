"""The request's Locale rows, looked up once.

Wagtail asks the database for the active Locale each time a page is localized
(Page.localized, Locale.get_active): five times for one article page, the same row each
time. Within a request the rows do not change, so EditionMiddleware keeps what
LocaleManager.get_for_language found for the request's duration; outside a request (the
admin's background work, commands, tests) it asks the database as before.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.models.i18n import LocaleManager

_found = ContextVar("newsdesk_request_locales", default=None)
_get_for_language = LocaleManager.get_for_language


@contextmanager
def locales_kept_for_request():
    token = _found.set({})
    try:
        yield
    finally:
        _found.reset(token)


def get_for_language(manager, language_code):
    found = _found.get()
    if found is None or manager.model._meta.label != "wagtailcore.Locale":
        return _get_for_language(manager, language_code)
    if language_code not in found:
        found[language_code] = _get_for_language(manager, language_code)
    return found[language_code]


def keep_locales_per_request():
    LocaleManager.get_for_language = get_for_language
