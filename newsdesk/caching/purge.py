"""Purging by tag: the app's page store at once, the caches in front (every Varnish
node, a CDN: Wagtail's front-end cache backends, backends.py) through a background task.
Call these after the change is committed, or a reader may re-cache the old page in
between (signals.py uses transaction.on_commit).
"""

import logging

from django.conf import settings
from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Site

from .conf import cache_settings
from .metadata import EVERYTHING, with_broader_tags
from .store import page_store
from .tasks import purge_everything_from_frontend_caches, purge_tags_from_frontend_caches

logger = logging.getLogger(__name__)


def is_purging():
    """Whether any cache is in use; without one, finding what to purge is wasted work."""
    return keeps_pages() or has_frontend_caches()


def keeps_pages():
    """Whether the app keeps anything under tags: pages, or fragments (fragments.py)."""
    return cache_settings.ENABLED or cache_settings.FRAGMENTS


def has_frontend_caches():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_tags(tags, hard=False):
    """Purge every page carrying one of the tags (or their broader tags) everywhere: made
    stale (a reader may get the old copy once while the new one is fetched, backends.py),
    or, hard, dropped (what must not be read again: an unpublished story)."""
    tags = sorted(with_broader_tags(tags))
    if not tags:
        return
    if EVERYTHING in tags:
        purge_everything()
        return
    if keeps_pages():
        purge_store(lambda store: store.purge_tags(tags))
    for name in frontend_caches():
        purge_tags_from_frontend_caches.enqueue(tags, name, hard=hard)


def purge_paths(paths, site):
    """Purge paths of the site, every query variant of each (a redirect's old path)."""
    paths = sorted(set(paths))
    if not paths:
        return
    if keeps_pages():
        purge_store(lambda store: store.purge_paths(paths))
    if site is not None:
        batch = PurgeBatch(site.root_url + iri_to_uri(path) for path in paths)
        for name in frontend_caches():
            batch.purge(backends=[name])


def purge_everything():
    if keeps_pages():
        purge_store(lambda store: store.purge_everything())
    for name in frontend_caches():
        purge_everything_from_frontend_caches.enqueue(name)


def frontend_caches():
    """The names of the front-end caches (Varnish nodes, a CDN): each gets a task of
    its own, so one that is down or slow delays no other, and is retried alone."""
    return list(getattr(settings, "WAGTAILFRONTENDCACHE", None) or {})


def purge_store(purge):
    """A store that can not be reached (Redis down) must not fail the publish, nor keep
    Varnish from being purged: what it holds then lasts its TTL at most."""
    try:
        purge(page_store())
    except Exception:
        logger.exception("Could not purge the page store; its pages expire within the TTL")


def default_site():
    return Site.objects.filter(is_default_site=True).first()
