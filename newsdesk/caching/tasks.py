import logging

from django_tasks import task
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)


@task()
def purge_tags_from_frontend_caches(tags, backend_name=None, hard=False):
    """Purge by tag in every front-end cache (backends.py), or only the one named: purge.py
    sends each its own task, retried on its own. One that can not purge by tag is emptied
    instead: purging too much is slower, purging too little is wrong."""
    backends = get_backends(backends=[backend_name] if backend_name else None)
    for name, backend in backends.items():
        if hasattr(backend, "purge_tags"):
            backend.purge_tags(tags, hard=hard)
        elif hasattr(backend, "purge_everything"):
            backend.purge_everything()
        else:
            logger.warning("Front-end cache %s can not purge by tag, nor everything", name)


@task()
def purge_everything_from_frontend_caches(backend_name=None):
    """Empty every front-end cache that can be emptied at once (see backends.py), or
    only the one named: purge.py sends each its own task, retried on its own."""
    backends = get_backends(backends=[backend_name] if backend_name else None)
    for backend in backends.values():
        if hasattr(backend, "purge_everything"):
            backend.purge_everything()
