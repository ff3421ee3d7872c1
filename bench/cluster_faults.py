"""Faults under load on the multi-node profile, and its benches: `python bench/cluster_faults.py`.

Starts a cluster of its own (deploy/cluster/run.py on free ports, holding
/tmp/newsdesk-cluster.lock so no other cluster runs beside it), or uses a running one
with --attach RUN_DIR, then prints, fault by fault (deploy/cluster/faults.py does each):

    app killed          SIGKILL an app process under wrk on HAProxy: reader errors
    varnish killed      SIGKILL varnish-1, publish while it is dead: varnish-2's errors,
                        varnish-1 started again and never serving the version from before
    varnish frozen      SIGSTOP varnish-1 for 6 s and publish: how long each node is stale
    worker killed       a purge caught mid-job (its node frozen), its worker SIGKILLed:
                        how long the page stays stale on each node
    replica paused      pg_wal_replay_pause(): the reader who commented sees it on every
                        read, another sees the replica's state
    purge storm         a publish a second for 60 s while 32 clients read the front page:
                        origin renders of "/" per second
    publish to visible  20 publishes: seconds until both nodes serve the new version
    breaking news hour  10,000 stories read by Zipf's law for 5 minutes of the hour, at
                        its pace (a publish every 5 s): Varnish's hit ratio
    memory              RSS and PSS of every role's processes

Loopback only; every load is bounded in time. Never part of the test suite
(tests/cluster/test_faults.py holds the same faults to their bounds, shorter).
"""

import argparse
import contextlib
import fcntl
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.cluster import faults  # noqa: E402

LOCK = Path("/tmp/newsdesk-cluster.lock")
STEPS = ["app", "varnish_killed", "varnish_frozen", "worker", "replica", "storm", "visible",
         "hour", "memory"]  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attach", type=Path, help="a running cluster's RUN_DIR")
    parser.add_argument("--only", nargs="*", choices=STEPS, default=STEPS)
    parser.add_argument("--storm-seconds", type=int, default=60)
    parser.add_argument("--hour-seconds", type=int, default=300)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument(
        "--warm", type=int, default=10_000, help="most-read stories read once before the hour"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args()
    with cluster_for(options) as cluster:
        figures = run(cluster, options)
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2))


@contextlib.contextmanager
def cluster_for(options):
    if options.attach:
        yield faults.Cluster(options.attach)
        return
    with LOCK.open("w") as lock:
        print(f"waiting for {LOCK}", flush=True)
        fcntl.flock(lock, fcntl.LOCK_EX)
        run_dir = Path(tempfile.mkdtemp(prefix="newsdesk-bench-cluster-")) / "cluster"
        run_dir.parent.chmod(0o755)
        log = (run_dir.parent / "run.log").open("wb")
        supervisor = subprocess.Popen(
            [sys.executable, ROOT / "deploy" / "cluster" / "run.py", "--dir", run_dir,
             "--free-ports"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            while not (run_dir / "cluster.json").exists():
                if supervisor.poll() is not None:
                    raise SystemExit(f"the cluster did not start: {run_dir.parent / 'run.log'}")
                time.sleep(1)
            wait_for_idle_tasks(faults.Cluster(run_dir))
            yield faults.Cluster(run_dir)
        finally:
            supervisor.terminate()
            supervisor.wait(120)
            shutil.rmtree(run_dir.parent, ignore_errors=True)


def wait_for_idle_tasks(cluster, timeout=600):
    """Until the demo's queued tasks (search index, purges) have run."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _status, _headers, body = faults.fetch(cluster.ports["haproxy"], "/healthz/tasks/")
        if body and b"purge: 0 queued" in body and b"default: 0 queued" in body:
            return
        time.sleep(1)


def run(cluster, options):
    figures = {}
    with faults.Editor(cluster) as editor:
        story = editor.front_story()
        editor.version = int(time.time()) % 1_000_000  # above any left by an earlier run
        steps = {
            "app": lambda: faults.app_killed(cluster, seconds=10),
            "varnish_killed": lambda: faults.varnish_killed(cluster, editor, story),
            "varnish_frozen": lambda: faults.varnish_frozen(cluster, editor, story),
            "worker": lambda: faults.worker_killed_mid_purge(cluster, editor, story),
            "replica": lambda: faults.replica_paused(cluster, story),
            "storm": lambda: faults.purge_storm(
                cluster, editor, story, seconds=options.storm_seconds
            ),
            "visible": lambda: faults.publish_to_visible(cluster, editor, story),
            "hour": lambda: hour(cluster, editor, options),
            "memory": cluster.memory_by_role,
        }
        for name in options.only:
            started = time.monotonic()
            figures[name] = steps[name]()
            took = time.monotonic() - started
            print(f"{name} ({took:.0f} s): {json.dumps(figures[name])}", flush=True)
    return figures


def hour(cluster, editor, options):
    started = time.monotonic()
    paths = editor.add_stories(options.stories)
    loaded = time.monotonic() - started
    ports = cluster.ports["varnish"]
    started = time.monotonic()
    warm_errors = faults.warm(ports, ["/", *paths[: options.warm]])
    warmed = time.monotonic() - started
    figures = faults.breaking_news_hour(cluster, editor, ["/", *paths], options.hour_seconds)
    return {
        "load_s": round(loaded),
        "warm_s": round(warmed),
        "warm_errors": warm_errors,
        **figures,
    }


if __name__ == "__main__":
    main()
