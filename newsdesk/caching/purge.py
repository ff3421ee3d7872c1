"""Purging: the app's page store at once, Varnish (any Wagtail front-end cache backend)
through a background task. Call these after the change is committed, or a reader may
re-cache the old page in between (signals.py uses transaction.on_commit).
"""

from django.conf import settings
from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Site

from .conf import cache_settings
from .store import page_store
from .tasks import purge_everything_from_frontend_caches


def is_purging():
    """Whether any cache is in use; without one, finding what to purge is wasted work."""
    return uses_store() or bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def uses_store():
    """Pages or fragments (fragments.py) kept under the page store's generations."""
    return cache_settings.ENABLED or cache_settings.FRAGMENTS


def purge_paths(paths, site):
    """Purge paths of the site, every query variant of each."""
    paths = sorted(set(paths))
    if not paths:
        return
    if uses_store():
        page_store().purge_paths(paths)
    if site is not None and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        PurgeBatch(site.root_url + iri_to_uri(path) for path in paths).purge()


def purge_everything():
    if uses_store():
        page_store().purge_everything()
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_everything_from_frontend_caches.enqueue()


def default_site():
    return Site.objects.filter(is_default_site=True).first()
