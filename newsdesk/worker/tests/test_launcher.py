"""`manage.py serve`, what `make run` runs, as a newcomer meets it: quiet, the address and
the demo logins last and only once the site answers, a worker that dies is started
again, and Ctrl-C stops everything with exit status 0. Real processes."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from newsdesk.demo.loader import ADMIN_PASSWORD, DEMO_ACCOUNTS

from .processes import MANAGE, children, command_line, descendants, is_running, wait_until

pytestmark = pytest.mark.processes


class Output:
    """A process's output, read as it comes."""

    def __init__(self, stream):
        self.lines = []
        self.reader = threading.Thread(target=self.read, args=(stream,), daemon=True)
        self.reader.start()

    def read(self, stream):
        for line in stream:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text, timeout):
        return wait_until(
            lambda: next((line for line in self.lines if text in line), None), timeout, text
        )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def health_status(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def worker_pids(serve):
    """The live run_worker children (a killed one is a zombie until it is reaped)."""
    return [
        pid for pid in children(serve.pid) if "run_worker" in command_line(pid) and is_running(pid)
    ]


@pytest.fixture
def serve(process_site):
    _database, env = process_site
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, MANAGE, "serve", "--port", str(port), "--demo", "--ready-timeout", "240"],
        env={**env, "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # Its own process group, as make run's in a terminal: Ctrl-C signals the group.
        start_new_session=True,
    )
    family = []
    try:
        yield process, port, Output(process.stdout), family
    finally:
        family += descendants(process.pid)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for pid in family:
            if is_running(pid):
                os.kill(pid, signal.SIGKILL)


def test_the_address_and_logins_come_last_once_the_site_answers_and_ctrl_c_stops_all(serve):
    process, port, output, family = serve
    banner = output.wait_for("Serving on", timeout=300)
    # Printed once the site answers, not before.
    assert health_status(port) == 200
    output.wait_for(f"user: {DEMO_ACCOUNTS[-1][0]}", timeout=10)
    # The worker starts on the demo's thousand tasks meanwhile: it must say nothing.
    time.sleep(5)
    assert output.lines[len(DEMO_ACCOUNTS) + 3 :] == []  # the lines, should any come

    assert banner == f"Serving on http://127.0.0.1:{port}/ (admin: http://127.0.0.1:{port}/admin/)"
    assert output.lines[0] == banner  # nothing before it
    assert output.lines[1].startswith("Loaded the demo newsroom")
    assert output.lines[2] == (
        f"Admin: http://127.0.0.1:{port}/admin/  demo logins (password: {ADMIN_PASSWORD}):"
    )
    assert output.lines[3:] == [f"  {role:<26} user: {user}" for user, role in DEMO_ACCOUNTS]

    family += descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal does

    assert process.wait(timeout=30) == 0
    output.reader.join(timeout=5)
    assert output.lines[-1] == "Stopped."
    text = "\n".join(output.lines)
    assert "Traceback" not in text
    assert "Unexpected exit" not in text
    assert [pid for pid in family if is_running(pid)] == []


def test_a_worker_killed_with_sigkill_is_started_again(serve):
    process, port, output, _family = serve
    output.wait_for("Serving on", timeout=300)
    [worker] = worker_pids(process)

    os.kill(worker, signal.SIGKILL)

    restarted = wait_until(
        lambda: [pid for pid in worker_pids(process) if pid != worker], 15, "a new worker"
    )
    assert len(restarted) == 1
    assert not is_running(worker)
    assert "worker stopped (killed by SIGKILL); starting it again in 1 s" in output.lines
    # It beats again: /healthz/ is ok (heartbeats every 0.2 s, stale after 2 s here).
    assert wait_until(lambda: health_status(port) == 200, 15, "/healthz/ ok")

    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(timeout=30) == 0
