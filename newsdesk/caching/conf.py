"""The page cache's defaults, each overridable in settings as NEWSDESK_CACHE_<NAME>.

Read them through `cache_settings.NAME`, which looks at Django's settings on every access,
so `override_settings` in tests and per-environment settings both work.
"""

from django.conf import settings

from newsdesk.core.conf import AppSettings

DEFAULTS = {
    # Serve anonymous readers' pages from the app's own cache. Off in the test settings,
    # so other apps' tests always see a fresh render; this app's tests turn it on.
    "ENABLED": True,
    # The Django cache that holds pages: a folder the site's processes share by default
    # (PAGE_CACHE_DIR), Redis when REDIS_URL is set (several servers must share purges).
    "ALIAS": "pages",
    # How long a stored page is fresh. Every change purges the pages it shows on, so this
    # only bounds what no purge covers: an older story's related stories, which take a new
    # story on its topics when the page is next rendered (news.models.sharing_topics).
    # Short, it costs renders: a story read less often than this is a render each time.
    "TTL": 3600,
    # Redirects and "not found" pages are kept this briefly: a story may appear there.
    "SHORT_TTL": 30,
    # Below the page cache, for the renders it does not spare: the site's header (one
    # copy for every page) and each page's own content, kept as rendered fragments under
    # the same purges as the pages (fragments.py), and Wagtail's routing remembered
    # (routes.py). Off in the test settings, like ENABLED.
    "FRAGMENTS": True,
    "ROUTES": True,
    # Past its freshness a page is kept this long more, and handed out while one request
    # renders the new copy (no stampede) or while the database is down.
    "STALE_SECONDS": 24 * 3600,
    # After a request meets a database outage, each process leaves the database alone this
    # long: readers get the stale page (or the 503 page) at once, not after a connection
    # attempt times out. Then one request tries again (outage.py).
    "OUTAGE_SECONDS": 10,
    # The longest one request may hold the right to re-render a page.
    "LOCK_SECONDS": 10,
    # Never cached: personal, streaming or admin URLs (path prefixes).
    "EXCLUDED_PATHS": [
        "/admin/",
        "/comments/",
        "/documents/",
        "/api/",
        "/static/",
        "/media/",
        "/live/blog/",  # Server-Sent Events
        "/healthz/",
    ],
    # Cached for SHORT_TTL and never purged: pages no purge can know about.
    "SHORT_TTL_PATHS": ["/search/"],
    # A request carrying one of these cookies is a signed-in reader or an editor, or may
    # see a page made for it: never served from the cache. None: the session, CSRF and
    # messages cookies.
    "BYPASS_COOKIES": None,
    # Query parameters that never change a page (campaign tags): left out of the key.
    "IGNORED_QUERY_PARAMS": [
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_term",
        "utm_content",
        "fbclid",
        "gclid",
    ],
    # Pages are stored in each coding a reader may accept (encodings.py), compressed once
    # when stored (on the miss), never on a hit. The demo's 21 kB article: gzip 6, 5,046
    # bytes in 0.3 ms; brotli 8, 4,601 in 1.1 ms (9: 4,582 in 5 ms; 11: 4,044 in 41 ms,
    # too long for every miss after a purge). Static files are compressed once, at
    # collectstatic, at brotli's best.
    "GZIP_LEVEL": 6,
    "BROTLI_QUALITY": 8,
    # With Redis, each server process keeps the pages it serves for up to this long, and
    # at most this many; every purge drops them at once (local_copies.py).
    "LOCAL_SECONDS": 5,
    "LOCAL_ENTRIES": 500,
    # Cache tags (metadata.py): the header they are sent to the caches in front in
    # (tag_header.py: "xkey", "Surrogate-Key" or "Cache-Tag"), whether it is sent on to
    # the client (None: when WAGTAILFRONTENDCACHE names a cache to purge, else the app is
    # the edge and keeps it to itself), the most bytes of tags a response carries (Fastly
    # and Cloudflare take 16 kB; past it, broader tags replace the most numerous kind)
    # and the longest tag.
    "TAG_HEADER": "xkey",
    "SEND_TAGS": None,
    "TAGS_MAX_BYTES": 8000,
    "TAG_MAX_LENGTH": 100,
    # What the Cache-Control header tells Varnish (and any shared cache) about a page it
    # may keep: fresh for TTL, then served stale this long while it fetches a new copy,
    # and this long when the app is failing. After a purge (soft: a story shown on the
    # page changed) the next reader within the window gets the old copy while Varnish
    # fetches the new one; past it, a reader waits for the new one. A story's own page
    # and an unpublished story's every page are dropped, not made stale (signals.py). A
    # page that changes by the clock gets no window past that moment.
    "STALE_WHILE_REVALIDATE": 3600,
    "STALE_IF_ERROR": 24 * 3600,
}


class CacheSettings(AppSettings):
    @property
    def bypass_cookies(self):
        if self.BYPASS_COOKIES is not None:
            return frozenset(self.BYPASS_COOKIES)
        return frozenset({settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"})


cache_settings = CacheSettings("NEWSDESK_CACHE_", DEFAULTS)
