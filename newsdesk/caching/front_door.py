"""An ASGI wrapper that answers fresh page-cache hits before Django sees the request.

The middleware already skips sessions, auth and routing on a hit, but Django still builds
a request, sends the request signals and hops threads for them; at breaking-news load
that is most of the cost. This looks at the raw ASGI scope with the same rules
(policy.py) and the same store (store.py), and hands everything else (misses, stale
pages, signed-in readers, streams) to Django untouched. With Redis as the store, the
pages it served are also kept in the process (local_copies.py).
"""

import time

from .conf import cache_settings
from .local_copies import LocalCopies
from .policy import cookie_names, is_cacheable_request, normalized_query, scheme_of
from .store import page_key, page_store


class PageCacheFrontDoor:
    def __init__(self, app):
        self.app = app
        self._store = None
        self.copies = None

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and cache_settings.ENABLED:
            page = self.fresh_page(scope)
            if page is not None:
                await send_page(send, page, head_only=scope["method"] == "HEAD")
                return
        await self.app(scope, receive, send)

    @property
    def store(self):
        # One store for the process: Django's `caches` would build a new cache object in
        # every request's async context.
        if self._store is None:
            self._store = page_store()
            self.copies = LocalCopies(cache_settings.LOCAL_SECONDS, cache_settings.LOCAL_ENTRIES)
            self.copies.listen(self._store.cache)
        return self._store

    def fresh_page(self, scope):
        headers = request_headers(scope)
        host = headers.get(b"host")
        if host is None or not is_cacheable_request(
            scope["method"],
            scope["path"],
            cookie_names(headers.get(b"cookie", b"").decode("latin-1")),
            b"authorization" in headers,
        ):
            return None
        query = normalized_query(scope["query_string"].decode("latin-1"))
        origin = f"{scheme_of(scope['scheme'], headers.get)}://{host.decode('latin-1')}"
        key = page_key(origin, scope["path"], query)
        store = self.store
        if page := self.copies.get(key):
            return page
        lookup = store.lookup_key(key, scope["path"])
        if not lookup.is_fresh:
            return None
        self.copies.put(key, lookup.page)
        return lookup.page


def request_headers(scope):
    headers = {}
    for name, value in scope["headers"]:
        # Browsers may split cookies over several headers.
        headers[name] = headers[name] + b"; " + value if name in headers else value
    return headers


async def send_page(send, page, head_only):
    headers = [
        (name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in page.headers
        if name.lower() != "content-length"
    ]
    headers += [
        (b"content-length", str(len(page.content)).encode()),
        (b"age", str(int(time.time() - page.stored_at)).encode()),
        (b"x-cache", b"HIT"),
    ]
    await send({"type": "http.response.start", "status": page.status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head_only else page.content})
