from django_tasks import task
from wagtail.contrib.frontend_cache.utils import get_backends


@task()
def purge_everything_from_frontend_caches():
    """Empty every front-end cache that can be emptied at once (see backends.py)."""
    for backend in get_backends().values():
        if hasattr(backend, "purge_everything"):
            backend.purge_everything()
