from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "newsdesk.worker"
    label = "worker"
    verbose_name = "Task worker"

    def ready(self):
        from newsdesk.core import health

        from . import checks
        from . import health as worker_health

        health.register("worker", worker_health.check_worker)
        health.register("queue", worker_health.check_queue)
        checks.register()
        if worker_health.rq_queues():
            from . import rq

            health.register("tasks", rq.check_tasks)
