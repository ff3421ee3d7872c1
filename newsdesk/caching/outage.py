"""What readers get when the database is down: a 503 with a plain page and Retry-After.

Varnish keeps serving the pages it holds (grace); this answers for the rest. The page is
rendered without a request context, since every context processor may need the database.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

RETRY_AFTER_SECONDS = 30


def is_database_outage(exception):
    """Cannot connect, connection lost or closed: errors about the server, not the query."""
    return isinstance(exception, OperationalError | InterfaceError)


def database_unavailable_response(request):
    html = render_to_string("caching/503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: an outage met outside a view (in a middleware) still answers 503."""
    exception = sys.exc_info()[1]
    if exception is not None and is_database_outage(exception):
        return database_unavailable_response(request)
    return defaults.server_error(request, template_name)
