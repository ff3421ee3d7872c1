"""Start newsdesk's multi-node profile on this machine: `make cluster` (docs/scaling.md).

    PostgreSQL primary  (initdb into RUN_DIR, 127.0.0.1:5442, wal_level=replica)
    PostgreSQL replica  (pg_basebackup -R of the primary, streaming, 127.0.0.1:5443)
    Redis               (127.0.0.1:6390): caches in database 0, the RQ task queues in 1
    moto                (S3 on 127.0.0.1:9010): media
    app-1..3            (granian WSGI, 127.0.0.1:8101-8103): stateless, behind HAProxy
    HAProxy             (127.0.0.1:8190, stats on 8191): health checks, retries on another app
    pushpin             (127.0.0.1:8195, publish endpoint 8196, ZeroMQ 8197-8199): holds the
                        live blogs' readers; asks the apps through HAProxy (GRIP)
    varnish-1, -2       (127.0.0.1:8181, 8182): what readers talk to; each one is purged
    rq-purge            (rqworker purge): purges only, so none waits behind a reindex
    rq-1, rq-2          (rqworker purge default media): background tasks, purges first, renditions last
    scheduler           (run_scheduler): scheduled publishing

Every piece listens on loopback only; each start is a fresh cluster with the demo
newsroom (moto keeps its files in memory). A stateless process that dies is started
again. Ctrl-C, or `make cluster-stop` from another terminal, stops them all.
RUN_DIR/cluster.json names every port and process id once the cluster answers.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from deploy import localprod  # noqa: E402
from deploy.pushpin import run as pushpin_run  # noqa: E402

HERE = Path(__file__).resolve().parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
RUN_DIR = Path(os.environ.get("NEWSDESK_CLUSTER_DIR", "/tmp/newsdesk-cluster"))
DATABASE = "newsdesk"
DATABASE_USER = "newsdesk"
# What may be started again when it dies: it keeps nothing (Pushpin's readers reconnect and
# catch up from the database). A Varnish node keeps only its cache, in memory (malloc):
# started again it is empty, so it can not serve a page from before its death.
STATELESS = ("app-", "pushpin", "rq-", "scheduler", "varnish-")


@dataclass
class Ports:
    primary: int = 5442
    replica: int = 5443
    redis: int = 6390
    s3: int = 9010
    apps: list = field(default_factory=lambda: [8101, 8102, 8103])
    haproxy: int = 8190
    haproxy_stats: int = 8191
    varnish: list = field(default_factory=lambda: [8181, 8182])
    pushpin: pushpin_run.PushpinPorts = field(
        default_factory=lambda: pushpin_run.PushpinPorts(8195, 8196, 8197, 8198, 8199)
    )

    @classmethod
    def from_state(cls, saved):
        """The ports as cluster.json keeps them (asdict: Pushpin's as a dict)."""
        return cls(**{**saved, "pushpin": pushpin_run.PushpinPorts(**saved["pushpin"])})

    @classmethod
    def free(cls, app_count, varnish_count):
        """Ports nothing listens on, for tests and benches beside a running cluster."""
        port = localprod.free_port
        return cls(
            port(), port(), port(), port(),
            [port() for _ in range(app_count)],
            port(), port(),
            [port() for _ in range(varnish_count)],
            pushpin_run.PushpinPorts.free(),
        )  # fmt: skip


class ClusterProcesses(localprod.Processes):
    """localprod's processes, plus a stop signal and a user of their own for some
    (PostgreSQL runs as the postgres user and stops fast on SIGINT)."""

    def __init__(self, log_dir):
        super().__init__(log_dir)
        self.stop_signals = {}

    def start(self, name, argv, env=None, stop_signal=signal.SIGTERM, user=None):
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop_all
        process = subprocess.Popen(
            [str(part) for part in argv],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **as_user(user),
        )
        self.running.append((name, process, log))
        self.stop_signals[process.pid] = stop_signal
        return process

    def stop(self, process, timeout=20):
        if process.poll() is None:
            os.killpg(process.pid, self.stop_signals.get(process.pid, signal.SIGTERM))
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def named(self, name):
        return next(process for running, process, _log in self.running if running == name)

    def pids(self):
        return {name: process.pid for name, process, _log in self.running}

    def restart_dead(self, env_by_name):
        """Start again what keeps nothing; say once what else stopped."""
        for entry in list(self.running):
            name, process, log = entry
            if process.poll() is None or getattr(process, "reported", False):
                continue
            if name.startswith(STATELESS):
                print(f"{name} stopped (status {process.returncode}); starting it again")
                log.close()
                self.running.remove(entry)
                self.start(name, process.args, env_by_name.get(name))
            else:
                print(f"{name} stopped (status {process.returncode}); see its log", file=sys.stderr)
                process.reported = True


def as_user(user):
    """Popen's arguments to run as `user` when we are root (PostgreSQL refuses root)."""
    if user and os.geteuid() == 0:
        return {"user": user, "group": user}
    return {}


# --- PostgreSQL: a primary and its streaming replica -------------------------------------


def owned_directory(path, user="postgres"):
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, mode=0o700)
    if os.geteuid() == 0:
        shutil.chown(path, user, user)
    return path


def postgres_argv(data, port, *settings):
    options = [
        f"port={port}",
        "listen_addresses=127.0.0.1",
        "unix_socket_directories=",  # TCP only: the machine's own server keeps its sockets
        *settings,
    ]
    return [PG_BIN / "postgres", "-D", data, *(part for o in options for part in ("-c", o))]


def database_url(port, name=DATABASE):
    return f"postgres://{DATABASE_USER}@127.0.0.1:{port}/{name}"


def wait_for_postgres(port, timeout=60):
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(database_url(port, "postgres"), connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def start_primary(processes, run_dir, port):
    data = owned_directory(run_dir / "postgres-primary")
    subprocess.run(
        [PG_BIN / "initdb", "-D", data, "-U", DATABASE_USER, "--auth=trust", "-E", "UTF8",
         "--no-instructions"],
        check=True, stdout=subprocess.DEVNULL, **as_user("postgres"),
    )  # fmt: skip
    argv = postgres_argv(data, port, "wal_level=replica", "max_wal_senders=5")
    processes.start("postgres-primary", argv, stop_signal=signal.SIGINT, user="postgres")
    wait_for_postgres(port)
    import psycopg

    with psycopg.connect(database_url(port, "postgres"), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return database_url(port)


def start_replica(processes, run_dir, primary_port, port):
    """A copy of the primary that follows it (pg_basebackup -R writes standby.signal and
    the primary's address), read-only."""
    data = owned_directory(run_dir / "postgres-replica")
    subprocess.run(
        [PG_BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary_port), "-U", DATABASE_USER,
         "-D", data, "-R", "-X", "stream", "-c", "fast"],
        check=True, **as_user("postgres"),
    )  # fmt: skip
    argv = postgres_argv(data, port, "hot_standby=on", "hot_standby_feedback=on")
    processes.start("postgres-replica", argv, stop_signal=signal.SIGINT, user="postgres")
    wait_for_postgres(port)
    wait_for_streaming(primary_port)
    return database_url(port)


def wait_for_streaming(primary_port, timeout=30):
    import psycopg

    deadline = time.monotonic() + timeout
    query = "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"
    with psycopg.connect(database_url(primary_port), autocommit=True) as connection:
        while connection.execute(query).fetchone()[0] == 0:
            if time.monotonic() > deadline:
                raise TimeoutError("the replica is not streaming from the primary")
            time.sleep(0.2)


# --- Redis, the apps, HAProxy, Varnish, the workers --------------------------------------


def start_redis(processes, port):
    argv = ["redis-server", "--bind", "127.0.0.1", "--port", port, "--save", "",
            "--appendonly", "no"]  # fmt: skip
    processes.start("redis", argv)
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            return f"redis://127.0.0.1:{port}"
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def cluster_environment(ports, database, replica, redis_url, run_dir):
    public_url = f"http://127.0.0.1:{ports.varnish[0]}"
    return localprod.app_environment(
        database,
        ports.s3,
        public_url,
        DJANGO_SETTINGS_MODULE="newsdesk.settings.cluster",
        SECRET_KEY=secret_key(run_dir),
        STATIC_ROOT=str(run_dir / "static"),
        REDIS_URL=f"{redis_url}/0",
        RQ_REDIS_URL=f"{redis_url}/1",
        REPLICA_DATABASE_URL=replica,
        VARNISH_URLS=",".join(f"http://127.0.0.1:{port}" for port in ports.varnish),
        # Varnish appends the reader, HAProxy appends Varnish (or Pushpin, which appends
        # nothing).
        NEWSDESK_TRUSTED_PROXY_COUNT="2",
        # Entries are published to Pushpin, which holds the readers.
        GRIP_URL=pushpin_run.grip_url(ports.pushpin, secret_key(run_dir, "grip_key")),
    )


def secret_key(run_dir, name="secret_key"):
    path = run_dir / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def start_apps(processes, env, ports, workers):
    for number, port in enumerate(ports.apps, start=1):
        localprod.start_app(processes, env, port, workers, name=f"app-{number}")


def start_pushpin(processes, run_dir, ports):
    """Pushpin between Varnish and HAProxy for the live blogs' event streams: it holds
    each reader, and asks an app (through HAProxy, so its checks and retries apply) what
    to send and to hold. Started after HAProxy and before Varnish; stopped the other way."""
    if not pushpin_run.installed():
        raise SystemExit("pushpin not found: apt-get install pushpin")
    config = pushpin_run.write_config(
        run_dir / "pushpin",
        ports.pushpin,
        origin=f"127.0.0.1:{ports.haproxy}",
        sig_key=secret_key(run_dir, "grip_key"),
    )
    process = processes.start("pushpin", pushpin_run.argv(config))
    pushpin_run.wait_until_ready(ports.pushpin, process=process)


def start_haproxy(processes, run_dir, ports):
    if shutil.which("haproxy") is None:
        raise SystemExit("haproxy not found: apt-get install haproxy")
    checked = [
        f"    server app-{number} 127.0.0.1:{port} check"
        for number, port in enumerate(ports.apps, start=1)
    ]
    # The same processes unchecked, used only while every check fails (haproxy.cfg).
    fail_open = [
        f"    server app-{number}-open 127.0.0.1:{port} backup"
        for number, port in enumerate(ports.apps, start=1)
    ]
    servers = "\n".join(checked + fail_open)
    # Varnish's probe fails only when no checked process is up (haproxy.cfg).
    numbers = range(1, len(ports.apps) + 1)
    up = [f"    acl app_{number}_up srv_is_up(app/app-{number})" for number in numbers]
    down = " ".join(f"!app_{number}_up" for number in numbers)
    monitor = "\n".join([*up, f"    monitor fail if {down}"])
    config = (
        (HERE / "haproxy.cfg")
        .read_text()
        .format(
            haproxy_port=ports.haproxy,
            stats_port=ports.haproxy_stats,
            servers=servers,
            monitor=monitor,
        )
    )
    path = run_dir / "haproxy.cfg"
    path.write_text(config)
    processes.start("haproxy", ["haproxy", "-db", "-f", path])
    # Answered by HAProxy itself (haproxy.cfg): up, and seeing a process pass its check.
    localprod.wait_for_http(f"http://127.0.0.1:{ports.haproxy}/healthz/database/", timeout=30)


def start_varnish_nodes(processes, run_dir, ports, memory="256m"):
    """Each node caches what HAProxy answers. The VCL is deploy/varnish/default.vcl with
    its ports set, under deploy/cluster/varnish.vcl; Varnish's workers run as Debian's
    varnish users, so both sit in a directory they can read."""
    if shutil.which("varnishd") is None:
        raise SystemExit("varnishd not found: apt-get install varnish")
    for number, port in enumerate(ports.varnish, start=1):
        work_dir = run_dir / f"varnish-{number}"
        work_dir.mkdir(mode=0o755)
        localprod.render_vcl(ports.haproxy, work_dir / "default.vcl", ports.pushpin.http)
        shutil.copy(HERE / "varnish.vcl", work_dir / "cluster.vcl")
        argv = [
            "varnishd", "-F",
            "-n", work_dir / "varnish",
            "-a", f"127.0.0.1:{port}",
            "-T", f"127.0.0.1:{localprod.free_port()}",
            "-p", f"vcl_path={work_dir}",
            "-f", work_dir / "cluster.vcl",
            "-s", f"malloc,{memory}",
            "-p", "default_grace=0",
        ]  # fmt: skip
        processes.start(f"varnish-{number}", argv)
    for port in ports.varnish:
        localprod.wait_for_http(f"http://127.0.0.1:{port}/healthz/", timeout=30, accept=(200, 503))


def worker_argv(queues=("purge", "default", "media")):
    """An RQ worker that takes purges before anything else, moves the retries that are
    due back to their queue (--with-scheduler), and notices within seconds another
    worker that died mid-job (newsdesk/worker/rq.py's PromptWorker). RQ names it afresh
    each start: a worker killed with SIGKILL stays registered under its name for minutes,
    and one started again under that name would refuse to start."""
    return [localprod.BIN / "python", "manage.py", "rqworker", "--job-class", "django_tasks_rq.Job",
            "--worker-class", "newsdesk.worker.rq.PromptWorker",
            "--with-scheduler", *queues]  # fmt: skip


def start_workers(processes, env, count):
    # Queue order is looked at only when a worker is free: one that takes nothing but
    # purges keeps a publish from waiting behind the reindex jobs the same commit queued
    # (measured: purges waited up to 1.4 s on two shared workers, publish-to-visible p95 2.3 s).
    processes.start("rq-purge", worker_argv(["purge"]), env)
    for number in range(1, count + 1):
        processes.start(f"rq-{number}", worker_argv(), env)
    processes.start("scheduler", [localprod.BIN / "python", "manage.py", "run_scheduler"], env)


# --- make cluster ------------------------------------------------------------------------


def start_cluster(processes, run_dir, ports, options):
    database = start_primary(processes, run_dir, ports.primary)
    replica = start_replica(processes, run_dir, ports.primary, ports.replica)
    redis_url = start_redis(processes, ports.redis)
    localprod.start_moto(processes, ports.s3)
    env = cluster_environment(ports, database, replica, redis_url, run_dir)
    localprod.prepare_app(env, load_demo=not options.no_demo)
    start_apps(processes, env, ports, options.workers)
    start_haproxy(processes, run_dir, ports)
    start_pushpin(processes, run_dir, ports)
    start_varnish_nodes(processes, run_dir, ports)
    start_workers(processes, env, options.task_workers)
    return env


def write_state(run_dir, ports, processes):
    state = {"ports": asdict(ports), "pids": processes.pids(), "supervisor": os.getpid()}
    path = run_dir / "cluster.json"
    with tempfile.NamedTemporaryFile("w", dir=run_dir, delete=False) as file:
        json.dump(state, file, indent=2)
    os.replace(file.name, path)  # readers never see half a file


def refuse_second_cluster(run_dir):
    pid_file = run_dir / "run.pid"
    if not pid_file.exists():
        return
    try:
        pid = int(pid_file.read_text())
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError):
        return  # a cluster that did not stop cleanly: its folder is wiped
    raise SystemExit(f"a cluster already runs from {run_dir} (pid {pid}): make cluster-stop")


def prepare_run_dir(run_dir):
    """A fresh cluster every start; only the secret keys (so sessions survive) are kept."""
    run_dir.mkdir(parents=True, exist_ok=True)
    run_dir.chmod(0o755)  # the postgres and varnish users go through it
    for child in run_dir.iterdir():
        if child.name in {"secret_key", "grip_key", "run.pid"}:
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()


def parse_options(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=RUN_DIR, help="data, logs, configs")
    parser.add_argument("--free-ports", action="store_true", help="not the fixed ports above")
    parser.add_argument("--apps", type=int, default=3, help="app processes behind HAProxy")
    parser.add_argument("--workers", type=int, default=1, help="granian workers per app process")
    parser.add_argument("--task-workers", type=int, default=2, help="RQ workers")
    parser.add_argument("--no-demo", action="store_true", help="an empty site")
    return parser.parse_args(argv)


def main(argv=None):
    options = parse_options(argv)
    run_dir = options.dir.resolve()
    ports = Ports.free(options.apps, 2) if options.free_ports else Ports()
    if not options.free_ports:
        ports.apps = [8100 + number for number in range(1, options.apps + 1)]
    refuse_second_cluster(run_dir)
    prepare_run_dir(run_dir)
    (run_dir / "run.pid").write_text(str(os.getpid()))
    processes = ClusterProcesses(run_dir / "logs")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        env = start_cluster(processes, run_dir, ports, options)
        write_state(run_dir, ports, processes)
        for port in ports.varnish:
            print(f"newsdesk (multi-node profile) on http://127.0.0.1:{port}/")
        print(
            f"HAProxy's stats on http://127.0.0.1:{ports.haproxy_stats}/; logs in {run_dir / 'logs'}"
        )
        print("Ctrl-C (or make cluster-stop) stops everything")
        envs = {name: env for name in processes.pids() if name.startswith(STATELESS)}
        while True:
            time.sleep(1)
            before = processes.pids()
            processes.restart_dead(envs)
            if processes.pids() != before:
                write_state(run_dir, ports, processes)
    except KeyboardInterrupt:
        pass
    finally:
        processes.stop_all()
        (run_dir / "run.pid").unlink(missing_ok=True)
        (run_dir / "cluster.json").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
