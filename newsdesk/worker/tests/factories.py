from datetime import timedelta

import factory
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsdesk.worker.models import Heartbeat


class HeartbeatFactory(factory.django.DjangoModelFactory):
    worker_id = factory.Sequence(lambda n: f"worker-{n}")
    hostname = "another-machine"
    pid = 4242
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=5))
    beat_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Heartbeat


class TaskResultFactory(factory.django.DjangoModelFactory):
    """A task in the database queue (what DatabaseBackend.enqueue writes)."""

    task_path = "newsdesk.caching.tasks.purge_everything_from_frontend_caches"
    args_kwargs = factory.LazyFunction(lambda: {"args": [], "kwargs": {}})
    backend_name = "default"
    status = TaskResultStatus.READY

    class Meta:
        model = DBTaskResult

    @classmethod
    def running(cls, worker_id, started_at=None, **fields):
        """A task a worker claimed (DBTaskResult.claim), started_at now unless given."""
        return cls(
            status=TaskResultStatus.RUNNING,
            worker_ids=[worker_id],
            started_at=started_at or timezone.now(),
            **fields,
        )


def ago(**delta):
    return timezone.now() - timedelta(**delta)
