"""The task worker's settings, each overridable as NEWSDESK_WORKER_<NAME> (base.py reads
them from the environment). All are seconds; a value that is not a positive number stops
the worker and fails `manage.py check` with the setting's name."""

import math

from django.core.exceptions import ImproperlyConfigured

from newsdesk.core.conf import AppSettings

DEFAULTS = {
    # How often a worker records that it is alive (and reaps the tasks of gone workers).
    "HEARTBEAT_SECONDS": 5,
    # A worker not heard from for this long is gone: /healthz/ degrades and its running
    # task is queued again. More than two heartbeats, so one slow beat is not a death.
    "STALE_SECONDS": 30,
    # The oldest task ready to run waiting longer than this degrades /healthz/.
    "QUEUE_MAX_AGE_SECONDS": 300,
    # A supervised process that keeps dying is restarted after 1, 2, 4 ... seconds, up to
    # this; the delay starts again at 1 once it has run STABLE_SECONDS.
    "RESTART_MAX_BACKOFF_SECONDS": 30,
    "STABLE_SECONDS": 60,
}


class WorkerSettings(AppSettings):
    def __getattr__(self, name):
        return seconds(self._prefix + name, super().__getattr__(name))

    def validate(self):
        """Every setting, read once, so a bad one is reported before anything runs."""
        for name in self._defaults:
            getattr(self, name)
        if self.STALE_SECONDS <= 2 * self.HEARTBEAT_SECONDS:
            raise ImproperlyConfigured(
                f"{self._prefix}STALE_SECONDS ({self.STALE_SECONDS:g}) must be more than twice "
                f"{self._prefix}HEARTBEAT_SECONDS ({self.HEARTBEAT_SECONDS:g}), or a live "
                "worker's tasks are taken from it."
            )


def seconds(setting, value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number) or number <= 0:
        raise ImproperlyConfigured(
            f"{setting} must be a number of seconds greater than 0, not {value!r}."
        )
    return number


worker_settings = WorkerSettings("NEWSDESK_WORKER_", DEFAULTS)
