from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache

from . import health as health_checks


@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers and feed readers that ask for /favicon.ico get the site's icon."""
    return redirect(static("favicon.svg"), permanent=True)


@never_cache
def health(request, name=None):
    """Every registered check (newsdesk/core/health.py), or the one named in the URL:
    200 when all pass, 503 with what failed. Varnish probes /healthz/database/ only, so a
    stopped task worker degrades this report without taking the site off the air."""
    if name is not None and name not in health_checks.registered():
        raise Http404("No such health check")
    results = health_checks.run_checks([name] if name else None)
    healthy = all(result.ok for result in results.values())
    body = {
        "status": "ok" if healthy else "degraded",
        "checks": {key: {"ok": r.ok, "detail": r.detail} for key, r in results.items()},
    }
    response = JsonResponse(body, status=200 if healthy else 503)
    # A degraded report is an answer, not a server error: probes and monitors ask every
    # second, and django.request would log each one.
    response._has_been_logged = True
    return response
