"""The reaper queues again a running task whose worker is gone, and only then."""

import os

import pytest
from django.test import override_settings
from django_tasks import TaskResultStatus

from newsdesk.worker.heartbeat import this_host
from newsdesk.worker.reaper import reap

from .factories import HeartbeatFactory, TaskResultFactory, ago

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("short_heartbeats"),
]


@pytest.fixture
def short_heartbeats():
    with override_settings(NEWSDESK_WORKER_HEARTBEAT_SECONDS=1, NEWSDESK_WORKER_STALE_SECONDS=30):
        yield


def dead_pid():
    """A pid that was just in use and is not any more."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def status_of(task):
    task.refresh_from_db()
    return task.status


def test_a_task_of_a_worker_that_stopped_beating_is_queued_again():
    gone = HeartbeatFactory(beat_at=ago(seconds=31))
    task = TaskResultFactory.running(gone.worker_id, started_at=ago(minutes=2))

    assert reap() == 1

    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert task.started_at is None
    # The record of who tried stays: the next worker adds itself after it.
    assert task.worker_ids == [gone.worker_id]


def test_a_task_of_a_live_worker_is_left_running_however_long_it_takes():
    alive = HeartbeatFactory(beat_at=ago(seconds=2))
    task = TaskResultFactory.running(alive.worker_id, started_at=ago(hours=3))

    assert reap() == 0
    assert status_of(task) == TaskResultStatus.RUNNING


def test_a_worker_of_this_machine_whose_process_is_gone_is_gone_at_once():
    # kill -9 a second ago: its beat is fresh, its process is not there.
    dead = HeartbeatFactory(hostname=this_host(), pid=dead_pid(), beat_at=ago(seconds=1))
    alive = HeartbeatFactory(hostname=this_host(), pid=os.getpid(), beat_at=ago(seconds=1))
    orphan = TaskResultFactory.running(dead.worker_id)
    kept = TaskResultFactory.running(alive.worker_id)

    assert reap() == 1
    assert status_of(orphan) == TaskResultStatus.READY
    assert status_of(kept) == TaskResultStatus.RUNNING


def test_a_worker_that_never_beat_is_given_the_stale_limit_to_finish():
    # A plain `manage.py db_worker` claims without beating.
    recent = TaskResultFactory.running("plain-db-worker", started_at=ago(seconds=10))
    old = TaskResultFactory.running("plain-db-worker", started_at=ago(seconds=40))

    assert reap() == 1
    assert status_of(recent) == TaskResultStatus.RUNNING
    assert status_of(old) == TaskResultStatus.READY


def test_tasks_that_are_not_running_are_left_alone():
    gone = HeartbeatFactory(beat_at=ago(minutes=5))
    done = TaskResultFactory(
        status=TaskResultStatus.SUCCESSFUL, worker_ids=[gone.worker_id], started_at=ago(minutes=6)
    )
    failed = TaskResultFactory(
        status=TaskResultStatus.FAILED, worker_ids=[gone.worker_id], started_at=ago(minutes=6)
    )
    ready = TaskResultFactory()

    assert reap() == 0
    assert status_of(done) == TaskResultStatus.SUCCESSFUL
    assert status_of(failed) == TaskResultStatus.FAILED
    assert status_of(ready) == TaskResultStatus.READY


def test_a_task_claimed_again_while_the_reaper_looked_is_not_taken_back(monkeypatch):
    gone = HeartbeatFactory(beat_at=ago(minutes=5))
    task = TaskResultFactory.running(gone.worker_id, started_at=ago(minutes=6))
    fresh = HeartbeatFactory()

    from newsdesk.worker import reaper

    real_is_gone = reaper.is_gone

    def claimed_meanwhile(beat, started_at):
        # Another reaper re-queued it and a live worker claimed it in between.
        task.claim(fresh.worker_id)
        return real_is_gone(beat, started_at)

    monkeypatch.setattr(reaper, "is_gone", claimed_meanwhile)

    assert reap() == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING
    assert task.worker_ids == [gone.worker_id, fresh.worker_id]


def test_the_reaper_says_which_task_it_queued_again(caplog):
    gone = HeartbeatFactory(worker_id="w-gone", beat_at=ago(minutes=5))
    task = TaskResultFactory.running(gone.worker_id, started_at=ago(minutes=6))

    with caplog.at_level("WARNING", logger="newsdesk.worker.reaper"):
        reap()

    [record] = caplog.records
    assert str(task.pk) in record.getMessage()
    assert task.task_path in record.getMessage()
    assert "w-gone is gone" in record.getMessage()
