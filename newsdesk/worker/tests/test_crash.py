"""A worker killed with SIGKILL mid-task loses nothing: the task it held is queued again
and a new worker runs it to the end, once. Real processes on a SQLite file."""

import signal
import subprocess

import pytest

from .processes import manage, rows, start_manage, wait_until

pytestmark = pytest.mark.processes

TASK_STATUS = "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"


@pytest.fixture
def site(process_site):
    database, env = process_site
    rows(database, "DELETE FROM django_tasks_database_dbtaskresult")
    rows(database, "DELETE FROM worker_heartbeat")
    return database, env


def enqueue(env, task, *args):
    code = (
        f"from newsdesk.worker.tests.tasks import {task}; print({task}.enqueue(*{list(args)!r}).id)"
    )
    return manage(env, "shell", "-c", code).strip()


def start_worker(env, worker_id):
    return start_manage(
        env,
        "run_worker", "--worker-id", worker_id, "--interval", "0.1", "--no-startup-delay",
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def lines(path):
    return path.read_text().splitlines() if path.exists() else []


def stop(worker):
    worker.send_signal(signal.SIGTERM)
    return worker.communicate(timeout=30)


def test_a_task_caught_mid_run_by_kill_9_is_run_again_and_finished_once(site, tmp_path):
    database, env = site
    enqueue(env, "wait_for_file", str(tmp_path), 60)
    first = start_worker(env, "first")
    try:
        wait_until(lambda: lines(tmp_path / "started"), 60, "the first worker to start the task")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        first.kill()
    # What used to stay for ever.
    assert rows(database, TASK_STATUS) == [("RUNNING", '["first"]')]

    (tmp_path / "release").touch()
    second = start_worker(env, "second")
    try:
        wait_until(
            lambda: rows(database, TASK_STATUS)[0][0] == "SUCCESSFUL", 60, "the second worker"
        )
    finally:
        _out, errors = stop(second)

    assert rows(database, TASK_STATUS) == [("SUCCESSFUL", '["first", "second"]')]
    assert lines(tmp_path / "started") == ["started", "started"]
    assert lines(tmp_path / "finished") == ["finished"]
    assert "queued again: its worker first is gone" in errors
    assert second.returncode == 0
    # A clean stop takes the worker's heartbeat with it; the killed one's stays, stale.
    assert rows(database, "SELECT worker_id FROM worker_heartbeat") == [("first",)]


def test_the_worker_is_quiet_unless_a_task_fails_and_then_says_which_and_why(site, tmp_path):
    database, env = site
    (tmp_path / "release").touch()
    enqueue(env, "wait_for_file", str(tmp_path), 60)
    enqueue(env, "fail_loudly", "the purge backend refused the key")
    worker = start_worker(env, "quiet")
    try:
        wait_until(
            lambda: (
                {status for status, _ in rows(database, TASK_STATUS)} == {"SUCCESSFUL", "FAILED"}
            ),
            60,
            "both tasks to finish",
        )
    finally:
        out, errors = stop(worker)

    assert out == ""
    assert "newsdesk.worker.tests.tasks.fail_loudly" in errors
    assert "ValueError: the purge backend refused the key" in errors
    assert "wait_for_file" not in errors  # a task that succeeds says nothing


def test_a_plain_db_worker_killed_mid_task_leaves_it_running_which_the_reaper_ends(site, tmp_path):
    """Before: django-tasks-db's own worker, killed, left its task RUNNING for good."""
    database, env = site
    enqueue(env, "wait_for_file", str(tmp_path), 60)
    plain = start_manage(
        env, "db_worker", "--worker-id", "plain", "--interval", "0.1", "--no-startup-delay", "--no-reload",
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until(lambda: lines(tmp_path / "started"), 60, "the plain worker to start the task")
    finally:
        plain.kill()
        plain.wait(timeout=10)
    assert rows(database, TASK_STATUS) == [("RUNNING", '["plain"]')]
    (tmp_path / "release").touch()
    # Without a heartbeat it is given STALE_SECONDS (6 s here) to finish, then re-queued.
    worker = start_worker(env, "after-plain")
    try:
        wait_until(lambda: rows(database, TASK_STATUS)[0][0] == "SUCCESSFUL", 60, "a re-run")
    finally:
        stop(worker)
    assert lines(tmp_path / "finished") == ["finished"]
