"""Tasks on Redis through RQ (django-tasks-rq), for the multi-node profile
(newsdesk/settings/cluster.py); the embedded default keeps the database queue.

- Queues by urgency: NEWSDESK_TASK_QUEUES names, by module path, the tasks that go to a
  queue other than their own (routing.py: every front-end cache purge to "purge"); workers take
  their queues in the order given (`rqworker purge default`), so a purge waits for no
  reindex.
- Retries: each queue's RETRY in RQ_QUEUES ({"max": 5, "interval": [1, 5, 30]}) is given
  to every job put on it; a retry waits in RQ's scheduled registry, which a worker started
  `--with-scheduler` moves back to the queue.
- A job that fails its last try stays in the queue's failed-job registry (for the queue's
  FAILURE_TTL); the "tasks" check of /healthz/ counts them, and `rq requeue` puts them back.
- A worker killed mid-job (SIGKILL, out of memory, its host gone) is noticed within
  seconds by the others (PromptWorker, `rqworker --worker-class`), and its job retried:
  RQ's own defaults notice after 90 s and look every 10 minutes, so a purge held by a dead
  worker left a page stale that long.
"""

from django.conf import settings
from django_rq.queues import DjangoRQ
from django_tasks_rq import RQBackend
from rq import Worker
from rq.job import Retry

from newsdesk.core.health import Health

from .health import rq_queues
from .routing import queue_for


class RoutedRQBackend(RQBackend):
    def enqueue(self, task, args, kwargs):
        queue_name = queue_for(task)
        if queue_name != task.queue_name:
            task = task.using(queue_name=queue_name)
        return super().enqueue(task, args, kwargs)


def retry_for(queue_name):
    policy = settings.RQ_QUEUES.get(queue_name, {}).get("RETRY")
    if not policy:
        return None
    return Retry(max=policy["max"], interval=policy.get("interval", 0))


class RetryingQueueMaintenance:
    """The registries' cleaning lock of RetryingQueue: RQ's lasts 899 s, so a worker
    killed while it held it (now that cleaning runs every second) would stop every
    other from noticing dead workers for a quarter of an hour."""

    MAINTENANCE_LOCK_SECONDS = 10

    def acquire_maintenance_lock(self):
        key = self.registry_cleaning_key
        return bool(self.connection.set(key, 1, nx=True, ex=self.MAINTENANCE_LOCK_SECONDS))


class RetryingQueue(RetryingQueueMaintenance, DjangoRQ):
    """An RQ queue that gives each job its queue's retry policy (RQ["QUEUE_CLASS"])."""

    def create_job(self, *args, retry=None, **kwargs):
        return super().create_job(*args, retry=retry or retry_for(self.name), **kwargs)


class PromptWorker(Worker):
    """An RQ worker whose running job is declared abandoned ABANDONED_AFTER seconds after
    its last heartbeat (one a second), and that looks for abandoned jobs every second
    while idle, retrying them at once (the first interval of a queue's RETRY is 0).
    RQ's own: a heartbeat every 30 s, abandoned after 90, looked for every 10 minutes."""

    ABANDONED_AFTER = 3

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("job_monitoring_interval", 1)
        kwargs.setdefault("maintenance_interval", 1)
        super().__init__(*args, **kwargs)

    @property
    def dequeue_timeout(self):
        # How long an idle worker blocks on its queues before it looks for abandoned jobs.
        return 1

    def get_heartbeat_ttl(self, job, working_time=0.0):
        return self.job_monitoring_interval + self.ABANDONED_AFTER


def check_tasks():
    """For /healthz/: every RQ queue has a worker; how many jobs wait and how many
    failed for good. Failed jobs are reported, not failed on: a purge that could not reach
    a Varnish node must not take the site off the air."""
    import django_rq
    from rq import Worker

    names = rq_queues()
    details, unserved = [], []
    for name in names:
        queue = django_rq.get_queue(name)
        if not Worker.all(queue=queue):
            unserved.append(name)
        details.append(f"{name}: {queue.count} queued, {queue.failed_job_registry.count} failed")
    if unserved:
        return Health(False, f"no RQ worker for {', '.join(unserved)}; " + "; ".join(details))
    return Health(True, "; ".join(details))
