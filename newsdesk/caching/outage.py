"""What readers get when the database is down: a 503 with a plain page and Retry-After,
wherever the outage is met (a view or any middleware), with DEBUG on or off; and a
circuit breaker, so that while it lasts stale pages are served at once.

Varnish keeps serving the pages it holds (grace); this answers for the rest. The page is
rendered without a request context, since every context processor may need the database.

An outage met outside a view never reaches a middleware's process_exception: Django turns
it into a 500 (or, with DEBUG, a traceback page) inside the middleware that raised it. It
does send got_request_exception first: `note_outage` marks the request then, and
DatabaseUnavailableMiddleware, which wraps every middleware that may query, answers 503
for a marked request whatever response came back.

The breaker is per process. Tripped by an outage, it stays open OUTAGE_SECONDS; the page
cache then serves the stale pages it holds without trying the database (a page it lacks
is still rendered, and meets the outage or not). The first request after the
window is let through to try it (the window re-arms meanwhile): its answer without an
outage closes the breaker, as does any new connection; another outage trips it again.
"""

import sys
import threading
import time

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.deprecation import MiddlewareMixin
from django.views import defaults

from .conf import cache_settings

RETRY_AFTER_SECONDS = 30
OUTAGE_ATTR = "_newsdesk_database_outage"
PROBE_ATTR = "_newsdesk_database_probe"


def is_database_outage(exception):
    """Cannot connect, connection lost or closed: errors about the server, not the query."""
    return isinstance(exception, OperationalError | InterfaceError)


def database_unavailable_response(request):
    html = render_to_string("caching/503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseBreaker:
    def __init__(self):
        self._lock = threading.Lock()
        self._open_until = None  # None: closed, the database is tried

    def trip(self):
        with self._lock:
            self._open_until = time.monotonic() + cache_settings.OUTAGE_SECONDS

    def close(self):
        with self._lock:
            self._open_until = None

    @property
    def is_open(self):
        return self._open_until is not None

    def allows_attempt(self, request):
        """Closed, or the window is over and this request is the one to try again."""
        with self._lock:
            if self._open_until is None:
                return True
            now = time.monotonic()
            if now < self._open_until:
                return False
            self._open_until = now + cache_settings.OUTAGE_SECONDS
        setattr(request, PROBE_ATTR, True)
        return True


breaker = DatabaseBreaker()


def mark_outage(request):
    setattr(request, OUTAGE_ATTR, True)
    breaker.trip()


def note_outage(sender, request=None, **kwargs):
    """got_request_exception, sent from inside the handler that caught the exception."""
    if request is not None and is_database_outage(sys.exc_info()[1]):
        mark_outage(request)


def close_breaker(sender, connection, **kwargs):
    """connection_created: the database answers again."""
    if breaker.is_open:
        breaker.close()


class DatabaseUnavailableMiddleware(MiddlewareMixin):
    """Right after the page cache, around every middleware that may query: a request that
    met an outage anywhere below answers 503 with a page saying so, never a traceback.
    Errors that are not an outage stay errors."""

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            mark_outage(request)
            return database_unavailable_response(request)
        return None

    def process_response(self, request, response):
        if not getattr(request, OUTAGE_ATTR, False):
            if getattr(request, PROBE_ATTR, False):
                breaker.close()
            return response
        if response.status_code != 503:
            return database_unavailable_response(request)
        return response


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: an outage met above DatabaseUnavailableMiddleware still answers 503."""
    exception = sys.exc_info()[1]
    if exception is not None and is_database_outage(exception):
        return database_unavailable_response(request)
    return defaults.server_error(request, template_name)
