"""Settings for the worker and launcher processes the tests start (test_crash.py,
test_launcher.py): the test settings with the database queue, and heartbeats fast enough
for a test to wait for."""

import os

from newsdesk.settings.test import *  # noqa: F403

# One folder for every process of a site (the launcher's server and its worker): the test
# settings make a folder per process, where a worker would not find the server's photos.
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405

DEBUG = True  # load_demo refuses to run otherwise (the demo has public passwords)
TASKS = {
    "default": {
        "BACKEND": "newsdesk.worker.database.PrioritisedDatabaseBackend",
        "QUEUES": ["default"],
    }
}
NEWSDESK_WORKER_HEARTBEAT_SECONDS = 0.5
NEWSDESK_WORKER_STALE_SECONDS = 6
# What make run shows: warnings and errors, on stderr.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
