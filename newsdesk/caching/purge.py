"""Purging: the app's page store at once, Varnish (any Wagtail front-end cache backend)
through a background task. Call these after the change is committed, or a reader may
re-cache the old page in between (signals.py uses transaction.on_commit).
"""

import logging

from django.conf import settings
from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Site

from .conf import cache_settings
from .store import page_store
from .tasks import purge_everything_from_frontend_caches

logger = logging.getLogger(__name__)


def is_purging():
    """Whether any cache is in use; without one, finding what to purge is wasted work."""
    return keeps_generations() or bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def keeps_generations():
    """Whether anything is kept under the page store's generations: pages, fragments
    (fragments.py) or routed pages (routes.py)."""
    return cache_settings.ENABLED or cache_settings.FRAGMENTS or cache_settings.ROUTES


def purge_paths(paths, site):
    """Purge paths of the site, every query variant of each."""
    paths = sorted(set(paths))
    if not paths:
        return
    if keeps_generations():
        purge_store(lambda store: store.purge_paths(paths))
    if site is not None and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        PurgeBatch(site.root_url + iri_to_uri(path) for path in paths).purge()


def purge_everything():
    if keeps_generations():
        purge_store(lambda store: store.purge_everything())
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_everything_from_frontend_caches.enqueue()


def purge_store(purge):
    """A store that can not be reached (Redis down) must not fail the publish, nor keep
    Varnish from being purged: what it holds then lasts its TTL at most."""
    try:
        purge(page_store())
    except Exception:
        logger.exception("Could not purge the page store; its pages expire within the TTL")


def default_site():
    return Site.objects.filter(is_default_site=True).first()
