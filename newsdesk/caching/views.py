from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from .outage import is_database_outage


@never_cache
def health(request):
    """Varnish's probe: while this fails, Varnish serves what it holds (grace) instead of
    passing readers to an app that cannot reach its database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:
        if not is_database_outage(error):
            raise
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
