"""ASGI and WSGI wrappers that answer fresh page-cache hits before Django sees the request.

The middleware already skips sessions, auth and routing on a hit, but Django still builds
a request, sends the request signals and (under ASGI) hops threads for them; at
breaking-news load that is most of the cost. These look at the raw ASGI scope or WSGI
environ with the same rules (policy.py) and the same store (store.py), and hand
everything else (misses, stale pages, signed-in readers, streams) to Django untouched.
With Redis as the store, the pages they served are also kept in the process
(local_copies.py).
"""

import threading
import time
from functools import partial
from http import HTTPStatus

from django.core.handlers.wsgi import get_path_info, get_script_name

from .conf import cache_settings
from .local_copies import LocalCopies
from .policy import cookie_names, is_cacheable_request, normalized_query, scheme_of
from .representations import delivery
from .store import page_key, page_store


class FreshPages:
    """The fresh stored page for a request's raw parts, or None."""

    def __init__(self):
        self._store = None
        self.copies = None
        self._starting = threading.Lock()

    @property
    def store(self):
        # One store for the process: Django's `caches` would build a new cache object in
        # every request's async context. Threads of a WSGI server may ask at once.
        if self._store is None:
            with self._starting:
                if self._store is None:
                    store = page_store()
                    self.copies = LocalCopies(
                        cache_settings.LOCAL_SECONDS, cache_settings.LOCAL_ENTRIES
                    )
                    self.copies.listen(store.cache)
                    self._store = store
        return self._store

    def find(self, method, path, query_string, raw_scheme, header):
        """header: a request header's value by its lowercase name, as bytes, or None."""
        host = header(b"host")
        if host is None or not is_cacheable_request(
            method,
            path,
            cookie_names((header(b"cookie") or b"").decode("latin-1")),
            header(b"authorization") is not None,
        ):
            return None
        query = normalized_query(query_string)
        origin = f"{scheme_of(raw_scheme, header)}://{host.decode('latin-1')}"
        key = page_key(origin, path, query)
        store = self.store
        if page := self.copies.get(key):
            return page
        lookup = store.lookup_key(key, path)
        if not lookup.is_fresh:
            return None
        self.copies.put(key, lookup.page)
        return lookup.page


class PageCacheFrontDoor:
    """For the ASGI server (asgi.py)."""

    def __init__(self, app):
        self.app = app
        self.pages = FreshPages()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and cache_settings.ENABLED:
            header = request_headers(scope).get
            page = self.pages.find(
                scope["method"],
                scope["path"],
                scope["query_string"].decode("latin-1"),
                scope["scheme"],
                header,
            )
            if page is not None:
                await send_page(send, page, header, head_only=scope["method"] == "HEAD")
                return
        await self.app(scope, receive, send)


class WSGIPageCacheFrontDoor:
    """For the WSGI server (wsgi.py)."""

    def __init__(self, app):
        self.app = app
        self.pages = FreshPages()

    def __call__(self, environ, start_response):
        if cache_settings.ENABLED:
            method = environ["REQUEST_METHOD"]
            header = partial(environ_header, environ)
            page = self.pages.find(
                method,
                django_path(environ),
                environ.get("QUERY_STRING", ""),
                environ.get("wsgi.url_scheme", "http"),
                header,
            )
            if page is not None:
                sent = page_delivery(page, header)
                start_response(f"{sent.status} {HTTPStatus(sent.status).phrase}", sent.headers)
                return [b"" if method == "HEAD" else sent.body]
        return self.app(environ, start_response)


def django_path(environ):
    """The path as Django's WSGIRequest makes it (request.path, the page cache's key)."""
    path_info = get_path_info(environ) or "/"
    return "{}/{}".format(get_script_name(environ).rstrip("/"), path_info.replace("/", "", 1))


def environ_header(environ, name):
    """A request header from the WSGI environ (only the few the cache looks at are read)."""
    value = environ.get("HTTP_" + name.decode("latin-1").upper().replace("-", "_"))
    return None if value is None else value.encode("latin-1")


def request_headers(scope):
    headers = {}
    for name, value in scope["headers"]:
        # Browsers may split cookies over several headers.
        headers[name] = headers[name] + b"; " + value if name in headers else value
    return headers


def page_delivery(page, header):
    """The stored page in the coding the request accepts, or a 304; header as in
    FreshPages.find."""
    accept_encoding, if_none_match = header(b"accept-encoding"), header(b"if-none-match")
    sent = delivery(
        page.status,
        page.headers,
        page.representations,
        accept_encoding and accept_encoding.decode("latin-1"),
        if_none_match and if_none_match.decode("latin-1"),
    )
    headers = [
        *sent.headers,
        ("Age", str(int(time.time() - page.stored_at))),
        ("X-Cache", "HIT"),
    ]
    return sent._replace(headers=[(name.lower(), value) for name, value in headers])


async def send_page(send, page, header, head_only):
    sent = page_delivery(page, header)
    headers = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in sent.headers]
    await send({"type": "http.response.start", "status": sent.status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head_only else sent.body})
