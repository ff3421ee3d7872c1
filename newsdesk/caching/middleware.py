"""The page cache middleware, first in MIDDLEWARE so a hit skips sessions, auth, URL
resolving and Wagtail's routing.

A stale page (past its freshness, or purged) is re-rendered by one request while the
others get the stale copy, and is handed out again if that render fails. While the
database is down (outage.py's breaker is open) the stale copy is handed out at once.

Each cacheable render collects the tags of what it shows (metadata.py); the page is
stored under them and sends them to the proxies in front (tag_header.py).
"""

import time

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpResponse

from .conf import cache_settings
from .encodings import CODINGS, IDENTITY, choose_coding
from .metadata import collecting
from .outage import breaker
from .policy import (
    add_shared_cache_headers,
    is_cacheable_request,
    mark_private,
    normalized_query,
    storable_ttl,
)
from .representations import delivery, representations_of, stored_headers
from .store import page_store, stored_tags
from .tag_header import add_tag_header


class PageCacheMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        if not is_anonymous_read(request):
            return personal(self.get_response(request))
        if not cache_settings.ENABLED:
            with collecting() as metadata:
                response = self.get_response(request)
            return shareable(request, response, metadata)
        store, lookup = look_up(request)
        if served := serve_stored(request, store, lookup):
            return served
        sequence = store.sequence()
        try:
            with collecting() as metadata:
                response = self.get_response(request)
        finally:
            release(store, lookup)
        return keep(request, response, store, lookup, sequence, metadata)

    async def __acall__(self, request):
        # The same steps; the cache calls are short and stay on the event loop.
        if not is_anonymous_read(request):
            return personal(await self.get_response(request))
        if not cache_settings.ENABLED:
            with collecting() as metadata:
                response = await self.get_response(request)
            return shareable(request, response, metadata)
        store, lookup = look_up(request)
        if served := serve_stored(request, store, lookup):
            return served
        sequence = store.sequence()
        try:
            with collecting() as metadata:
                response = await self.get_response(request)
        finally:
            release(store, lookup)
        return keep(request, response, store, lookup, sequence, metadata)


def is_anonymous_read(request):
    return is_cacheable_request(
        request.method,
        request.path,
        request.COOKIES.keys(),
        "Authorization" in request.headers,
    )


def look_up(request):
    store = page_store()
    query = normalized_query(request.META.get("QUERY_STRING", ""))
    origin = f"{request.scheme}://{request.get_host()}"
    return store, store.lookup(origin, request.path, query)


def serve_stored(request, store, lookup):
    """The stored page if it is fresh, if another request is already re-rendering it, or
    while the database is down (without trying it). A page the cache lacks is always
    rendered: an error that only looks like an outage (SQLite's "database is locked")
    must not turn readers away."""
    if lookup.is_fresh:
        return stored_response(request, lookup.page, "HIT")
    if lookup.page is not None and not breaker.allows_attempt(request):
        return stored_response(request, lookup.page, "STALE")
    if lookup.page is not None and not store.claim_render(lookup.key):
        return stored_response(request, lookup.page, "STALE")
    return None


def release(store, lookup):
    if lookup.page is not None:
        store.release_render(lookup.key)


def keep(request, response, store, lookup, sequence, metadata):
    """Store a fresh render under its tags and send it as a hit would be sent (in the
    coding the request accepts), or fall back to the stale copy when the render failed."""
    if response.status_code >= 500 and lookup.page is not None:
        return stored_response(request, lookup.page, "STALE")
    ttl = storable_ttl(request, response)
    if ttl is None:
        return personal(response) if response.cookies else response
    ttl = capped_ttl(ttl, metadata)
    add_shared_cache_headers(response, ttl, metadata.seconds_left())
    tags = metadata.capped_tags()
    add_tag_header(response, tags)
    page = store.store(lookup.key, response, ttl, stored_tags(request.path, tags), sequence)
    return delivered(request, response, page.status, page.headers, page.representations, "MISS")


def shareable(request, response, metadata):
    """Cache-Control and tags for Varnish even when the app keeps no copy itself, and the
    page in the coding the request accepts (only that one is made)."""
    ttl = storable_ttl(request, response)
    if ttl is None:
        return personal(response) if response.cookies else response
    add_shared_cache_headers(response, capped_ttl(ttl, metadata), metadata.seconds_left())
    add_tag_header(response, metadata.capped_tags())
    coding = choose_coding(request.headers.get("Accept-Encoding"), CODINGS)
    codings = () if coding == IDENTITY else (coding,)
    representations = representations_of(response, codings)
    headers = stored_headers(response)
    return delivered(request, response, response.status_code, headers, representations)


def personal(response):
    mark_private(response)
    return response


def capped_ttl(ttl, metadata):
    """No longer than what it shows lasts (a banner that ends by the clock)."""
    seconds = metadata.seconds_left()
    return ttl if seconds is None else min(ttl, seconds)


# How long a shared cache in front (Varnish) may keep a stale copy before asking again.
STALE_SHARED_SECONDS = 1


def stored_response(request, page, outcome):
    response = delivered(
        request, HttpResponse(), page.status, page.headers, page.representations, outcome
    )
    if outcome == "STALE":
        # The copy from before a purge, while another request renders the new one (or the
        # database is down). Sent with its own freshness, Varnish would keep the old page
        # until that runs out (purge or not), or, past it, pass every reader to the app.
        del response["Cache-Control"]
        add_shared_cache_headers(response, STALE_SHARED_SECONDS)
    else:
        response["Age"] = str(int(time.time() - page.stored_at))
    return response


def delivered(request, response, status, headers, representations, outcome=None):
    """The response made to say what `delivery` chose; a HEAD gets the headers alone."""
    sent = delivery(
        status,
        headers,
        representations,
        request.headers.get("Accept-Encoding"),
        request.headers.get("If-None-Match"),
    )
    response.status_code = sent.status
    response.content = b"" if request.method == "HEAD" else sent.body
    for name in list(response.headers):
        del response.headers[name]
    for name, value in sent.headers:
        response[name] = value
    if outcome is not None:
        response["X-Cache"] = outcome
    return response
