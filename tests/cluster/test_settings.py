"""newsdesk/settings/cluster.py read from the environment, in a fresh interpreter each:
a replica alias and its router when a replica is named, tasks on RQ with purges first,
one purge backend per Varnish node; bad values refused with the setting's name."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
BASE_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsdesk.settings.cluster",
    "SECRET_KEY": "cluster-settings-test",
    "DATABASE_URL": "postgres://newsdesk@127.0.0.1:5442/newsdesk",
    "REDIS_URL": "redis://127.0.0.1:6390/0",
}
SHOW = """
import json
from django.conf import settings
print(json.dumps({
    "databases": sorted(settings.DATABASES),
    "replica": settings.DATABASES.get("replica", {}),
    "routers": settings.DATABASE_ROUTERS,
    "middleware": settings.MIDDLEWARE,
    "tasks": settings.TASKS,
    "rq_urls": {name: conf["URL"] for name, conf in settings.RQ_QUEUES.items()},
    "frontend_caches": {k: v["LOCATION"] for k, v in getattr(settings, "WAGTAILFRONTENDCACHE", {}).items()},
    "pin": settings.NEWSDESK_DB_PIN_SECONDS,
}, default=str))
"""


def cluster_settings(**env):
    completed = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k not in BASE_ENV}, **BASE_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return completed


def loaded(**env):
    completed = cluster_settings(**env)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def test_a_named_replica_gets_an_alias_a_router_and_its_middleware_before_sessions():
    shown = loaded(REPLICA_DATABASE_URL="postgres://newsdesk@127.0.0.1:5443/newsdesk")
    assert shown["databases"] == ["default", "replica"]
    assert shown["replica"]["PORT"] == 5443
    assert shown["replica"]["TEST"] == {"MIRROR": "default"}
    assert shown["replica"]["OPTIONS"]["connect_timeout"] == 1
    assert shown["routers"] == ["newsdesk.core.db_routing.PrimaryReplicaRouter"]
    middleware = shown["middleware"]
    assert middleware.index("newsdesk.core.db_routing.ReplicaReadsMiddleware") + 1 == (
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    )


def test_without_a_replica_every_read_stays_on_the_primary():
    shown = loaded()
    assert shown["databases"] == ["default"]
    assert shown["routers"] == []
    assert "newsdesk.core.db_routing.ReplicaReadsMiddleware" not in shown["middleware"]


def test_tasks_go_to_rq_purges_first_on_their_own_redis_database():
    shown = loaded(RQ_REDIS_URL="redis://127.0.0.1:6390/1")
    assert shown["tasks"]["default"]["BACKEND"] == "newsdesk.worker.rq.RoutedRQBackend"
    assert shown["tasks"]["default"]["QUEUES"] == ["purge", "default", "media"]
    assert set(shown["rq_urls"].values()) == {"redis://127.0.0.1:6390/1"}


def test_each_varnish_node_is_purged():
    shown = loaded(VARNISH_URLS="http://127.0.0.1:8181, http://127.0.0.1:8182")
    assert shown["frontend_caches"] == {
        "varnish-1": "http://127.0.0.1:8181",
        "varnish-2": "http://127.0.0.1:8182",
    }


def test_a_pin_of_a_fraction_of_a_second_lasts_a_whole_one():
    assert loaded(NEWSDESK_DB_PIN_SECONDS="0.4")["pin"] == 1


@pytest.mark.parametrize("name", ["NEWSDESK_DB_PIN_SECONDS", "NEWSDESK_DB_REPLICA_RETRY_SECONDS"])
@pytest.mark.parametrize("value", ["", "soon", "0", "-3", "nan", "inf"])
def test_a_bad_number_of_seconds_is_refused_with_its_name(name, value):
    completed = cluster_settings(**{name: value})
    assert completed.returncode != 0
    assert f"{name} must be a number of seconds above 0" in completed.stderr
