"""/healthz/ reports the task worker: ok while one beats and the queue moves, degraded
(503, and why) when none has beaten lately or the oldest ready task waits too long."""

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus

from newsdesk.core import health

from .factories import HeartbeatFactory, TaskResultFactory, ago

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue", "limits")]


@pytest.fixture
def limits():
    with override_settings(
        NEWSDESK_WORKER_HEARTBEAT_SECONDS=5,
        NEWSDESK_WORKER_STALE_SECONDS=30,
        NEWSDESK_WORKER_QUEUE_MAX_AGE_SECONDS=120,
    ):
        yield


def report(client, url="/healthz/"):
    response = client.get(url)
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    return response.status_code, response.json()


def test_ok_then_degraded_when_the_worker_dies_then_ok_when_it_is_back(client):
    worker = HeartbeatFactory(beat_at=ago(seconds=1))
    status, body = report(client)
    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"]["worker"] == {"ok": True, "detail": "1 worker(s) alive"}

    worker.beat_at = ago(seconds=31)
    worker.save()
    status, body = report(client)
    assert status == 503
    assert body["status"] == "degraded"
    assert body["checks"]["worker"] == {
        "ok": False,
        "detail": "no task worker has beaten in the last 30 s",
    }
    assert body["checks"]["database"]["ok"] is True

    HeartbeatFactory(beat_at=timezone.now())  # the restarted worker
    assert report(client)[0] == 200


def test_degraded_while_no_worker_ever_started(client, caplog):
    with caplog.at_level("WARNING", logger="django.request"):
        status, body = report(client)
    assert status == 503
    assert body["checks"]["worker"]["ok"] is False
    # Monitors ask every second: a degraded answer is not logged as a server error.
    assert caplog.records == []


def test_degraded_while_the_oldest_ready_task_waits_too_long(client):
    HeartbeatFactory()
    TaskResultFactory(enqueued_at=ago(seconds=10))  # queued just now: fine
    assert report(client)[0] == 200

    stuck = TaskResultFactory()
    # enqueued_at is auto_now_add: backdated after saving.
    type(stuck).objects.filter(pk=stuck.pk).update(enqueued_at=ago(seconds=121))
    status, body = report(client)
    assert status == 503
    assert body["checks"]["queue"] == {"ok": False, "detail": "1 task(s) ready for more than 120 s"}
    assert body["checks"]["worker"]["ok"] is True

    type(stuck).objects.filter(pk=stuck.pk).update(status=TaskResultStatus.SUCCESSFUL)
    assert report(client)[0] == 200


def test_a_task_waits_from_its_run_after_not_from_when_it_was_queued(client):
    HeartbeatFactory()
    later = TaskResultFactory(run_after=ago(seconds=-3600))  # due in an hour
    type(later).objects.filter(pk=later.pk).update(enqueued_at=ago(days=1))
    assert report(client)[0] == 200

    type(later).objects.filter(pk=later.pk).update(run_after=ago(seconds=121))
    assert report(client)[0] == 503


def test_running_and_finished_tasks_are_not_a_backlog(client):
    worker = HeartbeatFactory()
    old = TaskResultFactory.running(worker.worker_id)
    finished = TaskResultFactory(status=TaskResultStatus.FAILED)
    type(old).objects.filter(pk__in=[old.pk, finished.pk]).update(enqueued_at=ago(hours=2))
    assert report(client)[0] == 200


def test_the_database_check_alone_passes_while_the_worker_is_down(client):
    # Varnish probes this one: a dead worker must not take the site off the air.
    status, body = report(client, "/healthz/database/")
    assert status == 200
    assert body == {"status": "ok", "checks": {"database": {"ok": True, "detail": ""}}}
    status, body = report(client, "/healthz/worker/")
    assert status == 503
    assert list(body["checks"]) == ["worker"]


@pytest.mark.parametrize("name", ["nope", "DATABASE", "..%2f", "database%00"])
def test_an_unknown_check_is_not_found(client, name):
    assert client.get(f"/healthz/{name}/").status_code == 404


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)
def test_without_a_database_queue_there_is_no_worker_to_miss(client):
    status, body = report(client)
    assert status == 200
    assert body["checks"]["worker"] == {"ok": True, "detail": "tasks run without a queue"}


def test_a_check_that_raises_reports_degraded_never_a_server_error(client, monkeypatch):
    def broken():
        raise RuntimeError("secret detail")

    monkeypatch.setitem(health._checks, "broken", broken)
    HeartbeatFactory()
    status, body = report(client)
    assert status == 503
    assert body["checks"]["broken"] == {"ok": False, "detail": "the check failed: RuntimeError"}
    assert "secret detail" not in str(body)


def test_every_app_check_is_registered_without_the_view_knowing_it():
    assert health.registered()[:1] == ["database"]
    assert {"worker", "queue"} <= set(health.registered())
