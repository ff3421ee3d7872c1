from django.db import models


class Heartbeat(models.Model):
    """A running task worker (manage.py run_worker), beating every HEARTBEAT_SECONDS; the
    row goes when the worker stops cleanly, and stays, going stale, when it dies."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} (pid {self.pid} on {self.hostname})"
