"""Starting the multi-node profile for the cluster tests (deploy/cluster/run.py on free
ports, in a folder of its own); each module starts one and stops it."""

import contextlib
import fcntl
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent.parent
RUN = ROOT / "deploy" / "cluster" / "run.py"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
# Loading the demo takes a minute on an idle machine, ten on one shared by several suites.
START_TIMEOUT = 600
# The lock every cluster run on this machine takes (make cluster's users wrap it in flock).
LOCK = Path("/tmp/newsdesk-cluster.lock")
LOCK_TIMEOUT = 900


def missing_tools():
    tools = ["haproxy", "varnishd", "redis-server"]
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not (PG_BIN / "initdb").exists():
        missing.append(str(PG_BIN / "initdb"))
    return missing


@contextlib.contextmanager
def running_cluster(*options):
    """A cluster of its own (run.py on free ports, in a fresh folder), stopped at the end:
    yields {"dir", "state", "supervisor"} once the demo's queued tasks have run. One
    cluster at a time on the machine: it holds LOCK while it runs."""
    missing = missing_tools()
    if missing:
        skip_or_fail(f"the cluster needs {', '.join(missing)}: apt-get install haproxy varnish")
    with cluster_lock(), started_cluster(options) as started:
        yield started


@contextlib.contextmanager
def cluster_lock():
    with LOCK.open("a") as lock:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    skip_or_fail(f"another cluster held {LOCK} for {LOCK_TIMEOUT} s")
                time.sleep(1)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextlib.contextmanager
def started_cluster(options):
    # Not under pytest's temporary folders, which are private to root: the postgres and
    # varnish users must go through this one (run.py opens it to them).
    run_dir = Path(tempfile.mkdtemp(prefix="newsdesk-cluster-test-")) / "cluster"
    run_dir.parent.chmod(0o755)
    argv = [sys.executable, RUN, "--dir", run_dir, "--free-ports", *options]
    with open(run_dir.parent / "cluster-run.log", "wb") as output:
        supervisor = subprocess.Popen(
            [str(part) for part in argv], cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        state = wait_for_state(run_dir, supervisor)
        wait_for_idle_queues(state["ports"]["haproxy"])
        yield {"dir": run_dir, "state": state, "supervisor": supervisor}
    finally:
        stop(supervisor)
        shutil.rmtree(run_dir.parent, ignore_errors=True)


def wait_for_idle_queues(port):
    """Until the tasks queued by loading the demo (purges among them) have run: a purge
    landing mid-test would turn an expected HIT into a MISS. The photos' renditions (the
    media queue, minutes of them) purge nothing and may go on."""
    deadline = time.monotonic() + START_TIMEOUT
    detail = ""
    while time.monotonic() < deadline:
        try:
            _status, _headers, body = get(port, "/healthz/tasks/")
            detail = json.loads(body)["checks"]["tasks"]["detail"]
        except (OSError, ValueError, KeyError):
            detail = "no answer"
        queued = dict(re.findall(r"(\w+): (\d+) queued", detail))
        if queued and not any(int(count) for name, count in queued.items() if name != "media"):
            return
        time.sleep(0.5)
    pytest.fail(f"the task queues did not empty in {START_TIMEOUT} s: {detail}")


def wait_for_state(run_dir, supervisor):
    deadline = time.monotonic() + START_TIMEOUT
    path = run_dir / "cluster.json"
    while not path.exists():
        if supervisor.poll() is not None:
            pytest.fail(f"the cluster stopped while starting:\n{log_tails(run_dir)}")
        if time.monotonic() > deadline:
            stop(supervisor)
            pytest.fail(f"the cluster did not start in {START_TIMEOUT} s:\n{log_tails(run_dir)}")
        time.sleep(0.5)
    return json.loads(path.read_text())


def log_tails(run_dir, lines=15):
    tails = []
    for log in sorted([run_dir.parent / "cluster-run.log", *(run_dir / "logs").glob("*.log")]):
        if log.exists():
            tail = log.read_text(errors="replace").splitlines()[-lines:]
            tails.append(f"--- {log.name}\n" + "\n".join(tail))
    return "\n".join(tails)


def stop(supervisor):
    if supervisor.poll() is None:
        supervisor.send_signal(signal.SIGTERM)
        try:
            supervisor.wait(60)
        except subprocess.TimeoutExpired:
            supervisor.kill()
            supervisor.wait()


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()
