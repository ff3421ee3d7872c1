"""The multi-node profile: production, plus a streaming replica for readers' reads, tasks
on Redis through RQ, and several Varnish nodes to purge. Every app process is stateless.

    REPLICA_DATABASE_URL  the replica (newsdesk/core/db_routing.py says which reads go there)
    RQ_REDIS_URL          where the task queues live (default: REDIS_URL)
    VARNISH_URLS          every Varnish node, comma-separated; each one is purged

docs/scaling.md draws it; `make cluster` (deploy/cluster/run.py) starts it on one machine.
"""

import math

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .production import *  # noqa: F403
from .production import DATABASES, INSTALLED_APPS, MIDDLEWARE, REDIS_URL, env, env_list


def seconds_from_env(name, default):
    value = env(name, default)
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number <= 0:
        raise ImproperlyConfigured(f"{name} must be a number of seconds above 0, not {value!r}")
    return number


REPLICA_DATABASE_URL = env("REPLICA_DATABASE_URL")
if REPLICA_DATABASE_URL:
    replica = dj_database_url.parse(REPLICA_DATABASE_URL)
    for setting in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "OPTIONS"):
        replica[setting] = DATABASES["default"][setting]
    # A replica that stops answering must cost a reader a second at most, then the
    # router reads from the primary (NEWSDESK_DB_REPLICA_RETRY_SECONDS).
    replica["OPTIONS"] = {**replica["OPTIONS"], "connect_timeout": 1}
    # Tests read it as the primary: the same rows, one test database.
    replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = replica
    DATABASE_ROUTERS = ["newsdesk.core.db_routing.PrimaryReplicaRouter"]
    # Before the sessions middleware, the first to read.
    MIDDLEWARE = list(MIDDLEWARE)
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "newsdesk.core.db_routing.ReplicaReadsMiddleware",
    )
# The longest a reader who posted reads from the primary: their pin ends as soon as the
# replica has replayed their write (db_routing.py), so this only bounds a lagging replica.
NEWSDESK_DB_PIN_SECONDS = math.ceil(seconds_from_env("NEWSDESK_DB_PIN_SECONDS", "60"))
NEWSDESK_DB_REPLICA_RETRY_SECONDS = seconds_from_env("NEWSDESK_DB_REPLICA_RETRY_SECONDS", "5")

# Tasks on Redis. Queues by urgency: workers take "purge" before "default".
INSTALLED_APPS = [*INSTALLED_APPS, "django_rq", "django_tasks_rq"]
RQ_REDIS_URL = env("RQ_REDIS_URL", REDIS_URL)
RQ = {"QUEUE_CLASS": "newsdesk.worker.rq.RetryingQueue"}
RQ_QUEUES = {
    # A purge that fails (a Varnish node restarting or not answering) is tried again at
    # once, then soon, and for a while: until it succeeds, that node serves the old page.
    # The first retry at once is also the one of a purge whose worker died mid-way
    # (newsdesk/worker/rq.py's PromptWorker): it waits for no scheduler.
    "purge": {
        "URL": RQ_REDIS_URL,
        "DEFAULT_TIMEOUT": 60,
        "RETRY": {"max": 6, "interval": [0, 1, 2, 5, 15, 60]},
    },
    "default": {
        "URL": RQ_REDIS_URL,
        "DEFAULT_TIMEOUT": 600,
        "RETRY": {"max": 3, "interval": [10, 60, 300]},
    },
    # Photos' renditions (seconds of CPU each, minutes after a big upload or a deploy that
    # adds a set), taken when nothing else waits; a storage error is tried again in the
    # task first (NEWSDESK_MULTIMEDIA_RENDITION_RETRY_DELAYS), then here.
    "media": {
        "URL": RQ_REDIS_URL,
        "DEFAULT_TIMEOUT": 900,
        "RETRY": {"max": 3, "interval": [30, 120, 600]},
    },
}
TASKS = {
    "default": {
        "BACKEND": "newsdesk.worker.rq.RoutedRQBackend",
        "QUEUES": list(RQ_QUEUES),
    }
}
# NEWSDESK_TASK_QUEUES (base.py) sends each task to one of these queues.

# Every Varnish node is purged: one Wagtail front-end cache backend each.
VARNISH_URLS = env_list("VARNISH_URLS")
if VARNISH_URLS:
    WAGTAILFRONTENDCACHE = {
        f"varnish-{number}": {
            "BACKEND": "newsdesk.caching.backends.VarnishBackend",
            "LOCATION": url,
        }
        for number, url in enumerate(VARNISH_URLS, start=1)
    }
