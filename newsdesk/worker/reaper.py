"""Tasks whose worker is gone go back to the queue. A worker killed mid-task (kill -9, a
crashed machine) leaves its task RUNNING for ever; queued again, the task runs again from
the start, so every task must be safe to run twice (at least once, never lost)."""

import logging

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from . import heartbeat
from .models import Heartbeat

logger = logging.getLogger(__name__)


def reap():
    """Queue again the running tasks of gone workers; how many were."""
    beats = {beat.worker_id: beat for beat in Heartbeat.objects.all()}
    running = DBTaskResult.objects.running().only("id", "task_path", "worker_ids", "started_at")
    requeued = 0
    for result in running:
        worker_id = result.worker_ids[-1] if result.worker_ids else None
        if is_gone(beats.get(worker_id), result.started_at):
            requeued += requeue(result, worker_id)
    return requeued


def is_gone(beat, started_at):
    if beat is None:
        # A worker that never beat (a plain db_worker): given STALE_SECONDS to finish.
        return started_at < heartbeat.stale_before()
    return not heartbeat.is_alive(beat)


def requeue(result, worker_id):
    # Compare and set: a task that finished, or was claimed again, since it was read is
    # left alone.
    updated = DBTaskResult.objects.filter(
        pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
    ).update(status=TaskResultStatus.READY, started_at=None)
    if updated:
        logger.warning(
            "Task id=%s path=%s queued again: its worker %s is gone",
            result.pk,
            result.task_path,
            worker_id,
        )
    return updated
