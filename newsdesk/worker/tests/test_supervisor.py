"""The supervisor starts again what dies, waiting longer each time it keeps dying, and
stops every process it started, grandchildren included. Real processes."""

import sys
import time

import pytest

from newsdesk.worker.supervisor import Child, Supervisor

from .processes import is_running, wait_until

pytestmark = pytest.mark.processes


def python(code):
    return [sys.executable, "-c", code]


def watch_until_restarted(supervisor, child, restarts, timeout):
    def restarted():
        supervisor.watch()
        return child.restarts >= restarts

    wait_until(restarted, timeout, f"restart {restarts}")


def test_a_process_that_keeps_dying_is_started_again_ever_later_up_to_the_cap(caplog):
    dying = Child("dying", python("import sys; sys.exit(3)"))
    supervisor = Supervisor([dying], max_backoff=2, stable_after=60)
    supervisor.start()
    try:
        with caplog.at_level("WARNING", logger="newsdesk.worker"):
            for restarts in (1, 2, 3):
                watch_until_restarted(supervisor, dying, restarts, timeout=10)
            wait_until(dying.has_exited, 10, "the third run to end")
            supervisor.watch()
    finally:
        supervisor.stop()

    assert [record.getMessage() for record in caplog.records] == [
        "dying stopped (exit status 3); starting it again in 1 s",
        "dying stopped (exit status 3); starting it again in 2 s",
        "dying stopped (exit status 3); starting it again in 2 s",  # the cap
        "dying stopped (exit status 3); starting it again in 2 s",
    ]


def test_a_process_that_ran_long_enough_is_started_again_at_once_next_time(caplog):
    child = Child("steady", python("import time; time.sleep(0.5)"))
    supervisor = Supervisor([child], max_backoff=30, stable_after=0.2)
    supervisor.start()
    try:
        with caplog.at_level("WARNING", logger="newsdesk.worker"):
            for restarts in (1, 2):
                watch_until_restarted(supervisor, child, restarts, timeout=10)
    finally:
        supervisor.stop()
    assert {record.getMessage() for record in caplog.records} == {
        "steady stopped (exit status 0); starting it again in 1 s"
    }


def test_a_process_that_chose_to_stop_is_left_stopped():
    # make_test_stream without ffmpeg says so and exits 0.
    done = Child("done", python("pass"), restart_after_success=False)
    supervisor = Supervisor([done])
    supervisor.start()
    try:
        wait_until(done.has_exited, 10, "the process to end")
        time.sleep(1.2)
        supervisor.watch()
        supervisor.watch()
    finally:
        supervisor.stop()
    assert done.restarts == 0
    assert done.restart_at is None


def test_stop_ends_children_and_their_children(tmp_path):
    pid_file = tmp_path / "grandchild"
    spawner = Child(
        "spawner",
        python(
            "import subprocess, sys, time; "
            "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
            f"open({str(pid_file)!r}, 'w').write(str(p.pid)); time.sleep(60)"
        ),
    )
    supervisor = Supervisor([spawner])
    supervisor.start()
    grandchild = int(wait_until(lambda: pid_file.exists() and pid_file.read_text(), 20, "pid"))

    supervisor.stop(timeout=5)

    assert not is_running(spawner.process.pid)
    wait_until(lambda: not is_running(grandchild), 10, "the grandchild to go")
