import logging
import threading

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.db import close_old_connections, connection
from django_tasks_db.management.commands import db_worker

from newsdesk.worker import heartbeat, reaper
from newsdesk.worker.conf import worker_settings

logger = logging.getLogger("newsdesk.worker")


class Command(db_worker.Command):
    help = (
        "Run tasks from the database queue (django-tasks-db's db_worker), beating a "
        "heartbeat that /healthz/ reports and queueing again the tasks of workers that died. "
        "Quiet unless something fails; -v 2 logs every task."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # The heartbeat is the process's own: Django's reloader would run two processes,
        # and kill -9 of its parent would leave the worker orphaned.
        parser.set_defaults(reload=False)

    def configure_logging(self, verbosity):
        super().configure_logging(verbosity)
        if verbosity < 2:
            # Warnings and errors only (a failed task logs its path and traceback): the
            # demo alone queues a thousand tasks. django-tasks-db's own warnings only say
            # that the worker was asked to stop.
            for name in (db_worker.TASKS_LOGGER, ""):
                logging.getLogger(name).setLevel(logging.WARNING)
            logging.getLogger("django_tasks_db").setLevel(logging.ERROR)

    def handle(self, *args, worker_id, reload, **options):
        try:
            worker_settings.validate()
        except ImproperlyConfigured as error:
            raise CommandError(error) from error
        if reload:
            raise CommandError("run_worker does not reload; its supervisor restarts it.")
        beating = Heartbeat(worker_id)
        beating.start()
        try:
            super().handle(*args, worker_id=worker_id, reload=False, **options)
        finally:
            beating.stop()


class Heartbeat(threading.Thread):
    """Beats, and reaps other workers' orphaned tasks, every HEARTBEAT_SECONDS, beside the
    worker's loop (which is busy for as long as a task runs)."""

    def __init__(self, worker_id):
        super().__init__(name="heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()
        self.failing = False
        # The first beat is in before the worker claims anything.
        heartbeat.beat(worker_id)

    def run(self):
        self.beat_and_reap()
        while not self.stopping.wait(worker_settings.HEARTBEAT_SECONDS):
            self.beat_and_reap()
        connection.close()

    def beat_and_reap(self):
        close_old_connections()
        try:
            heartbeat.beat(self.worker_id)
            reaper.reap()
        except Exception:
            # The database is away: the worker's loop meets the same; say it once.
            if not self.failing:
                logger.warning("Task worker %s could not beat", self.worker_id, exc_info=True)
            self.failing = True
        else:
            self.failing = False

    def stop(self):
        self.stopping.set()
        self.join(timeout=worker_settings.HEARTBEAT_SECONDS + 5)
        heartbeat.forget(self.worker_id)
