"""The full-page cache: anonymous readers' pages from the app's cache, from Varnish and
from a CDN, purged by cache tag. Knows no feature: apps tag what they render and say what
their changes purge, through metadata.py's helpers and hooks (tests/test_knows_no_feature.py).

    conf.py        settings (NEWSDESK_CACHE_*)
    metadata.py    cache tags: the collector bound to each render, {% cache_tags %}
                   (templatetags/cache_tags.py), the hooks that turn objects into tags
                   and changes into tags to purge, the cap with broader tags
    tag_header.py  the header the tags go out in (xkey, Surrogate-Key, Cache-Tag)
    policy.py      what is cacheable and the Cache-Control sent to Varnish
    store.py       the page store: pages under their tags' generations, purge by tag
    representations.py  a stored page's bodies (as rendered, brotli, gzip) and which one
                   a request is sent; encodings.py, Accept-Encoding and the compressors
    middleware.py  the page cache middleware (first in MIDDLEWARE): collects the tags
    outage.py      the database outage: the 503 page and middleware, the circuit breaker
    front_door.py  the same cache answered before Django: the WSGI server of pages
                   (wsgi.py) and the ASGI server of event streams (asgi.py); with Redis,
                   each process's copies of hot pages (local_copies.py)
    fragments.py   below the page cache: rendered fragments kept under their own tags
                   ({% fragment %} and {% shared_fragment %}, templatetags/page_fragments.py)
    routes.py      Wagtail's routing remembered (checked against the page row: no purge)
    signals.py     what publishing, unpublishing, moving and other changes purge
    purge.py       purging by tag: the store at once, the caches in front through
                   tasks.py / backends.py (Varnish xkey, Fastly, Cloudflare)
    restrictions.py  kept for the page models' migrations (their bases name it)
"""
