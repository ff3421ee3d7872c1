"""The worker's checks for /healthz/ (registered in apps.py): is a worker alive, and is
the queue moving. Without the database queue (tests run tasks at once) both pass."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from newsdesk.core.health import Health

from . import heartbeat
from .conf import worker_settings

DATABASE_BACKENDS = {
    "django_tasks_db.DatabaseBackend",
    "newsdesk.worker.database.PrioritisedDatabaseBackend",
}
RQ_BACKEND = "newsdesk.worker.rq.RoutedRQBackend"


def database_queues():
    """The aliases of the TASKS backends that queue in the database."""
    return [alias for alias, conf in settings.TASKS.items() if conf["BACKEND"] in DATABASE_BACKENDS]


def rq_queues():
    """The queues of the TASKS backends on RQ (newsdesk/worker/rq.py), in the settings' order."""
    return [
        name
        for conf in settings.TASKS.values()
        if conf["BACKEND"] == RQ_BACKEND
        for name in conf.get("QUEUES", [])
    ]


def without_database_queue():
    if rq_queues():
        return Health(True, "tasks are on RQ (the tasks check)")
    return Health(True, "tasks run without a queue")


def check_worker():
    if not database_queues():
        return without_database_queue()
    workers = heartbeat.alive()
    if not workers:
        return Health(
            False, f"no task worker has beaten in the last {worker_settings.STALE_SECONDS:g} s"
        )
    return Health(True, f"{len(workers)} worker(s) alive")


def check_queue():
    backends = database_queues()
    if not backends:
        return without_database_queue()
    limit = worker_settings.QUEUE_MAX_AGE_SECONDS
    waiting_since = timezone.now() - timedelta(seconds=limit)
    # A task is ready from its run_after, or from when it was queued if it has none.
    waiting = (
        DBTaskResult.objects.ready()
        .filter(backend_name__in=backends)
        .filter(
            Q(run_after=get_date_max(), enqueued_at__lt=waiting_since)
            | Q(run_after__lt=waiting_since)
        )
    )
    count = waiting.count()
    if count:
        return Health(False, f"{count} task(s) ready for more than {limit:g} s")
    return Health(True, "")
