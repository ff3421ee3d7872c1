"""The full-page cache: anonymous readers' pages from the app's cache and from Varnish,
purged on publish.

    conf.py        settings (NEWSDESK_CACHE_*)
    policy.py      what is cacheable and the Cache-Control sent to Varnish
    store.py       the page store and its purge-by-path generations
    representations.py  a stored page's bodies (as rendered, brotli, gzip) and which one
                   a request is sent; encodings.py, Accept-Encoding and the compressors
    middleware.py  the page cache middleware (first in MIDDLEWARE)
    outage.py      the database outage: the 503 page and middleware, the circuit breaker
    front_door.py  the same cache answered before Django: the WSGI server of pages
                   (wsgi.py) and the ASGI server of event streams (asgi.py)
    fragments.py   below the page cache: rendered fragments under the same purges
                   ({% fragment %} and {% shared_fragment %}, templatetags/page_fragments.py)
    routes.py      Wagtail's routing remembered; the routed page kept, with its view
                   restrictions (restrictions.py)
    generational.py  each process's own copies of what is kept under generations
    registry.py    the `newsdesk_cached_paths` hook: which paths show a page
    stories.py     the news app's answer to it; feeds.py, the feeds app's (wagtail_hooks.py)
    signals.py     what publishing, unpublishing, moving and settings changes purge
    purge.py       purging the store at once and Varnish through tasks.py / backends.py
    outage.py      the 503 page when the database is down
"""
