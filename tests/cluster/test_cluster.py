"""The multi-node profile for real (deploy/cluster/run.py, on free ports): a page through
both Varnish nodes and HAProxy; anonymous reads served by the replica; an app process
killed and another one's replica stopped without a reader seeing an error; everything
stopped on TERM. Bounded: each wait has a deadline and each request loop a count.
Marked `cluster`: it runs once, in `make pytest`."""

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
START_TIMEOUT = 150
REQUESTS = 150

pytestmark = pytest.mark.cluster


def missing_tools():
    tools = ["haproxy", "varnishd", "redis-server"]
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not (PG_BIN / "initdb").exists():
        missing.append(str(PG_BIN / "initdb"))
    return missing


@pytest.fixture(scope="module")
def cluster():
    missing = missing_tools()
    if missing:
        skip_or_fail(f"the cluster needs {', '.join(missing)}: apt-get install haproxy varnish")
    # Not under pytest's temporary folders, which are private to root: the postgres and
    # varnish users must go through this one (run.py opens it to them).
    run_dir = Path(tempfile.mkdtemp(prefix="newsdesk-cluster-test-")) / "cluster"
    run_dir.parent.chmod(0o755)
    argv = [sys.executable, RUN, "--dir", run_dir, "--free-ports", "--task-workers", "1"]
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
    landing mid-test would turn an expected HIT into a MISS."""
    deadline = time.monotonic() + START_TIMEOUT
    detail = ""
    while time.monotonic() < deadline:
        try:
            _status, _headers, body = get(port, "/healthz/tasks/")
            detail = json.loads(body)["checks"]["tasks"]["detail"]
        except (OSError, ValueError, KeyError):
            detail = "no answer"
        if (
            detail
            and re.findall(r"(\d+) queued", detail)
            and not any(int(count) for count in re.findall(r"(\d+) queued", detail))
        ):
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


def get(port, path, method="GET", headers=None):
    # A first render is slow on a busy machine (2 cores shared with the rest of the suite).
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def statuses(port, path, count):
    """The status of each of count requests (0 for a connection error)."""
    seen = []
    for number in range(count):
        try:
            seen.append(get(port, f"{path}?n={number}-{time.monotonic_ns()}")[0])
        except OSError:
            seen.append(0)
    return seen


def rows_returned(port):
    import psycopg

    url = f"postgres://newsdesk@127.0.0.1:{port}/newsdesk"
    with psycopg.connect(url, connect_timeout=3) as connection:
        query = "SELECT tup_returned FROM pg_stat_database WHERE datname = 'newsdesk'"
        return connection.execute(query).fetchone()[0]


def test_a_page_through_both_varnish_nodes_and_haproxy(cluster):
    ports = cluster["state"]["ports"]
    bodies = []
    for port in [*ports["varnish"], ports["haproxy"]]:
        status, _headers, body = get(port, "/news/")
        assert status == 200, port
        bodies.append(body)
    assert b"<h1" in bodies[0]
    assert bodies[0].count(b"<article") == bodies[2].count(b"<article") > 0
    for port in ports["varnish"]:
        headers = get(port, "/news/")[1]
        assert headers.get("X-Cache") == "HIT"


def test_anonymous_reads_are_served_by_the_replica(cluster):
    ports = cluster["state"]["ports"]
    before = rows_returned(ports["replica"])
    assert statuses(ports["haproxy"], "/news/", 10) == [200] * 10
    time.sleep(1.5)  # PostgreSQL publishes its counters about once a second
    assert rows_returned(ports["replica"]) > before


def test_a_post_pins_the_reader_to_the_primary(cluster):
    status, headers, _body = get(cluster["state"]["ports"]["haproxy"], "/search/", "POST")
    assert status == 403  # no CSRF token: refused, and pinned all the same
    assert "newsdesk_primary=1" in headers.get("set-cookie", "")


def test_killing_an_app_process_costs_readers_nothing(cluster):
    state = cluster["state"]
    os.killpg(state["pids"]["app-1"], signal.SIGKILL)
    seen = statuses(state["ports"]["haproxy"], "/news/", REQUESTS)
    assert seen == [200] * REQUESTS, {status: seen.count(status) for status in set(seen)}
    # ...and the supervisor started it again.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        pids = json.loads((cluster["dir"] / "cluster.json").read_text())["pids"]
        if pids["app-1"] != state["pids"]["app-1"]:
            break
        time.sleep(0.5)
    else:
        pytest.fail("app-1 was not started again")


def test_a_stopped_replica_sends_reads_to_the_primary_without_an_error(cluster):
    state = cluster["state"]
    os.killpg(state["pids"]["postgres-replica"], signal.SIGINT)
    deadline = time.monotonic() + 20
    while rows_returned_or_none(state["ports"]["replica"]) is not None:
        assert time.monotonic() < deadline, "the replica did not stop"
        time.sleep(0.2)
    seen = statuses(state["ports"]["haproxy"], "/news/", 40)
    assert seen == [200] * 40, {status: seen.count(status) for status in set(seen)}
    # The apps noticed (newsdesk/core/db_routing.py), rather than never asking the replica.
    logs = [log.read_text(errors="replace") for log in (cluster["dir"] / "logs").glob("app-*.log")]
    assert any("The replica did not answer" in log for log in logs)


def rows_returned_or_none(port):
    import psycopg

    try:
        return rows_returned(port)
    except psycopg.OperationalError:
        return None


def test_terminating_the_supervisor_stops_every_process(cluster):
    pids = json.loads((cluster["dir"] / "cluster.json").read_text())["pids"]
    stop(cluster["supervisor"])
    assert cluster["supervisor"].returncode == 0
    alive = [name for name, pid in pids.items() if is_alive(pid)]
    assert alive == []
    assert not (cluster["dir"] / "run.pid").exists()


def is_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is a process that has exited and waits to be reaped.
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] != "Z"
