from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .conf import worker_settings


def check_worker_settings(**kwargs):
    try:
        worker_settings.validate()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="worker.E001")]
    return []


def check_task_routes(**kwargs):
    """Each queue NEWSDESK_TASK_QUEUES sends a task to is one the RQ backend serves, or
    that task could never be queued."""
    from .health import rq_queues

    routes = getattr(settings, "NEWSDESK_TASK_QUEUES", {})
    served = rq_queues()
    if not routes or not served:
        return []
    return [
        checks.Error(
            f"NEWSDESK_TASK_QUEUES sends {path} to {queue!r}, which is not in the RQ "
            f"backend's QUEUES ({', '.join(served)})",
            id="worker.E002",
        )
        for path, queue in routes.items()
        if queue not in served
    ]


def register():
    checks.register(check_worker_settings)
    checks.register(check_task_routes)
