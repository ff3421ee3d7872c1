"""What may be cached: which requests are served from the cache, which responses are
kept and for how long, and what Cache-Control tells Varnish.

Pure functions of the request's parts, shared by the middleware and the ASGI front door
(asgi.py), which sees no Django request.
"""

from operator import itemgetter
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.utils.cache import patch_cache_control

from .conf import cache_settings

CACHEABLE_METHODS = frozenset({"GET", "HEAD"})
STORED_STATUSES = frozenset({200, 301, 404})
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")


def is_cacheable_request(method, path, cookie_names, has_authorization):
    """An anonymous reader's GET or HEAD of a public URL."""
    if method not in CACHEABLE_METHODS or has_authorization:
        return False
    if not cache_settings.bypass_cookies.isdisjoint(cookie_names):
        return False
    return not path.startswith(tuple(cache_settings.EXCLUDED_PATHS))


def cookie_names(cookie_header):
    """The names in a Cookie header; their values never matter here."""
    return {part.split("=", 1)[0].strip() for part in cookie_header.split(";") if part}


def scheme_of(raw_scheme, header):
    """http or https as Django's request.scheme would say, from the raw scheme and a
    lookup of request headers by their lowercase name (bytes). Part of the cache key: an
    http request may be answered with a redirect to https, which https must never get."""
    if settings.SECURE_PROXY_SSL_HEADER:
        name, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = header(name.removeprefix("HTTP_").replace("_", "-").lower().encode())
        if value is not None:
            return (
                "https" if value.decode("latin-1").split(",")[0].strip() == secure_value else "http"
            )
    return raw_scheme


def normalized_query(query_string):
    """The query string sorted, without campaign tags: ?b=2&a=1 and ?a=1&b=2 are one page."""
    if not query_string:
        return ""
    ignored = cache_settings.IGNORED_QUERY_PARAMS
    params = [
        pair for pair in parse_qsl(query_string, keep_blank_values=True) if pair[0] not in ignored
    ]
    # By name only: a repeated name keeps its values' order (Django reads the last one).
    return urlencode(sorted(params, key=itemgetter(0)))


def storable_ttl(request, response):
    """Seconds to keep the response for, or None when it must not be kept."""
    if request.method != "GET" or response.status_code not in STORED_STATUSES:
        return None
    if response.streaming or response.cookies or _varies_beyond_encoding(response):
        return None
    cache_control = response.get("Cache-Control", "")
    if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
        return None
    ttl = cache_settings.TTL
    if response.status_code != 200 or request.path.startswith(
        tuple(cache_settings.SHORT_TTL_PATHS)
    ):
        ttl = cache_settings.SHORT_TTL
    return min(ttl, _max_age(cache_control, default=ttl))


def add_shared_cache_headers(response, ttl, seconds_left=None):
    """Let Varnish keep the page for ttl seconds, serve it stale while it fetches a new
    copy, and serve it stale when the app fails. Browsers always ask again (max-age=0),
    so a purge reaches readers at once. A view's own Cache-Control wins.

    seconds_left: until what the page shows changes by the clock (a banner's end), past
    which no stale copy is served while the app is well."""
    if response.has_header("Cache-Control"):
        return
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=ttl,
        stale_while_revalidate=revalidation_window(ttl, seconds_left),
        stale_if_error=cache_settings.STALE_IF_ERROR,
    )


def revalidation_window(ttl, seconds_left=None):
    window = cache_settings.STALE_WHILE_REVALIDATE
    if seconds_left is None:
        return window
    return max(0, min(window, int(seconds_left) - ttl))


def mark_private(response):
    """Personal pages (a signed-in reader, a cookie set) must never sit in a shared cache."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)


def _varies_beyond_encoding(response):
    """Vary: Cookie is fine here: the page is shown to anyone signed in (the template asks
    for request.user), but every request carrying a cookie that changes the page bypasses
    the cache, so what is stored is the one page all the others get."""
    vary = response.get("Vary", "")
    return any(
        header.strip().lower() not in {"", "cookie", "accept-encoding"}
        for header in vary.split(",")
    )


def _max_age(cache_control, default):
    ages = {}
    for directive in cache_control.split(","):
        name, _, value = directive.strip().partition("=")
        if name in {"max-age", "s-maxage"} and value.isdigit():
            ages[name] = int(value)
    return ages.get("s-maxage", ages.get("max-age", default))
