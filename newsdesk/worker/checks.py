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


def check_task_priorities(**kwargs):
    """Each of NEWSDESK_TASK_PRIORITIES is a whole number django-tasks takes, or every
    task of that queue would fail to be queued (routing.py)."""
    from django_tasks.base import TASK_MAX_PRIORITY, TASK_MIN_PRIORITY

    return [
        checks.Error(
            f"NEWSDESK_TASK_PRIORITIES gives queue {queue!r} {priority!r}: a priority is a "
            f"whole number from {TASK_MIN_PRIORITY} to {TASK_MAX_PRIORITY}",
            id="worker.E003",
        )
        for queue, priority in getattr(settings, "NEWSDESK_TASK_PRIORITIES", {}).items()
        if type(priority) is not int or not TASK_MIN_PRIORITY <= priority <= TASK_MAX_PRIORITY
    ]


def register():
    checks.register(check_worker_settings)
    checks.register(check_task_routes)
    checks.register(check_task_priorities)
