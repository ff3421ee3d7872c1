"""The multi-node profile for real (deploy/cluster/run.py, on free ports): a page through
both Varnish nodes and HAProxy; anonymous reads served by the replica; an app process
killed and another one's replica stopped without a reader seeing an error; everything
stopped on TERM. Bounded: each wait has a deadline and each request loop a count.
Marked `cluster`: it runs once, in `make pytest`."""

import http.client
import json
import os
import re
import signal
import time
from pathlib import Path

import pytest

from .conftest import running_cluster, stop

REQUESTS = 150

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def cluster():
    with running_cluster("--task-workers", "1") as started:
        yield started


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
    # The primary's WAL position: reads go to the replica again once it has replayed it.
    assert re.search(r"newsdesk_primary=[0-9A-F]+-[0-9A-F]+;", headers.get("set-cookie", ""))


def test_the_nodes_probe_is_answered_by_haproxy_not_by_a_busy_app(cluster):
    """Varnish asks /healthz/database/ whether to serve from grace; HAProxy answers it
    from its own checks: with every app process frozen it still says yes at once (where
    a page waits), and no only once every process has failed its checks."""
    state = cluster["state"]
    port = state["ports"]["haproxy"]
    apps = [pid for name, pid in state["pids"].items() if re.fullmatch(r"app-\d+", name)]
    for pid in apps:
        os.killpg(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        first = get(port, "/healthz/database/")[0]
        answered_in = time.monotonic() - started
        down_after = seconds_until_status(port, "/healthz/database/", 503, timeout=30)
    finally:
        for pid in apps:
            os.killpg(pid, signal.SIGCONT)
    up_again_after = seconds_until_status(port, "/healthz/database/", 200, timeout=30)
    assert first == 200
    assert answered_in < 1
    assert down_after is not None  # checks every second, three failures of 3 s each
    assert up_again_after is not None


def seconds_until_status(port, path, status, timeout):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if get(port, path)[0] == status:
            return time.monotonic() - started
        time.sleep(0.5)
    return None


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
