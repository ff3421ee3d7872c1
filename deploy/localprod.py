"""Start newsdesk's production profile on this machine: `make prod`.

    PostgreSQL (127.0.0.1:5432, database newsdesk_prod, made afresh on every start)
    Redis      (127.0.0.1:6379, database 1, emptied on every start): the caches
    moto       (S3 server on 127.0.0.1:9000): media, bucket "newsdesk-media"
    granian    (WSGI, several workers, 127.0.0.1:8001): pages, behind the app's page cache
    granian    (ASGI, 127.0.0.1:8002): the live blogs' event streams
    run_worker (django-tasks, with a heartbeat): Varnish purges and other background tasks;
               started again when it dies (its orphaned task is queued again)
    scheduler  (run_scheduler): scheduled publishing
    Varnish    (127.0.0.1:8080, deploy/varnish/default.vcl): what readers talk to

Every piece listens on loopback only. Ctrl-C stops them all. Each start is a fresh try-out
with the demo newsroom: moto keeps its files in memory, so the database that names them
is made anew with them. bench/cache_wrk.py uses the
same functions with free ports and a throwaway database.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
RUN_DIR = Path(os.environ.get("NEWSDESK_PROD_DIR", "/tmp/newsdesk-prod"))
POSTGRES = "postgres://root@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/1"
BUCKET = "newsdesk-media"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url, timeout=60, accept=(200,)):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status in accept:
                    return
        except urllib.error.HTTPError as error:
            if error.code in accept:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


class Processes:
    """Child processes, each with its own log, stopped together (newest first)."""

    def __init__(self, log_dir):
        self.log_dir = Path(log_dir)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.running = []

    def start(self, name, argv, env=None):
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop_all
        process = subprocess.Popen(
            [str(part) for part in argv],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us, and we stop them in order
        )
        self.running.append((name, process, log))
        return process

    def stop(self, process, timeout=10):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop_all(self):
        # A second Ctrl-C or TERM must not cut the clean-up short.
        previous = {
            sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            for _name, process, log in reversed(self.running):
                self.stop(process)
                log.close()
            self.running = []
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


# --- the pieces -------------------------------------------------------------------------


def create_database(name):
    """The PostgreSQL database, created when missing; returns its URL."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES}/{name}"


def drop_database(name):
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty_redis_database(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def start_moto(processes, port):
    processes.start("moto", [BIN / "moto_server", "-H", "127.0.0.1", "-p", port])
    wait_for_http(f"http://127.0.0.1:{port}/moto-api/", timeout=30)
    import boto3

    s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", **S3_CREDENTIALS)
    s3.create_bucket(Bucket=BUCKET)
    # Readers fetch photos straight from the bucket, as from a public bucket or a CDN.
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/*",
            }
        ],
    }
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read))


S3_CREDENTIALS = {
    "aws_access_key_id": "newsdesk",
    "aws_secret_access_key": "newsdesk",
    "region_name": "us-east-1",
}


def app_environment(database_url, moto_port, public_url, varnish_url=None, **extra):
    """What the production settings read, for this machine."""
    env = {
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
        "SECRET_KEY": secret_key(),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": public_url,
        "SECURE_SSL_REDIRECT": "false",  # plain http on loopback; TLS ends in front
        "STATIC_ROOT": str(RUN_DIR / "static"),
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{moto_port}",
        "AWS_S3_REGION_NAME": S3_CREDENTIALS["region_name"],
        "AWS_S3_CUSTOM_DOMAIN": f"127.0.0.1:{moto_port}/{BUCKET}",
        "AWS_S3_URL_PROTOCOL": "http:",
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_ACCESS_KEY_ID": S3_CREDENTIALS["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": S3_CREDENTIALS["aws_secret_access_key"],
        "CSP_MEDIA_ORIGINS": f"http://127.0.0.1:{moto_port}",
        # Varnish only in front here (no nginx): one proxy appends to X-Forwarded-For.
        "NEWSDESK_TRUSTED_PROXY_COUNT": "1",
    }
    if varnish_url:
        env["VARNISH_URL"] = varnish_url
    env.update(extra)
    return env


def secret_key():
    """One key per machine, kept under RUN_DIR, so sessions survive a restart."""
    path = RUN_DIR / "secret_key"
    if not path.exists():
        RUN_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def manage(env, *args):
    subprocess.run(
        [BIN / "python", "manage.py", *args], cwd=ROOT, env={**os.environ, **env}, check=True
    )


def prepare_app(env, load_demo=True):
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    if load_demo:
        # The demo's accounts have published passwords: fine on loopback, never online.
        manage(env, "load_demo", "--if-empty", "--force")


def start_app(processes, env, port, workers, name="granian"):
    """Pages: WSGI, one thread a worker (a render is CPU work; more threads only fight
    over the GIL)."""
    return start_granian(processes, env, port, workers, name, "wsgi", "--blocking-threads", "1")


def start_streams_app(processes, env, port, workers=1, name="granian-streams"):
    """The live blogs' event streams: ASGI, thousands of readers a worker."""
    return start_granian(processes, env, port, workers, name, "asgi", "--no-ws")


def start_granian(processes, env, port, workers, name, interface, *options):
    """granian serving newsdesk.caching.wsgi or .asgi (the page cache's front doors)."""
    argv = [
        BIN / "granian",
        "--interface", interface,
        *options,
        "--host", "127.0.0.1",
        "--port", port,
        "--workers", workers,
        "--log-level", "warning",
        f"newsdesk.caching.{interface}:application",
    ]  # fmt: skip
    process = processes.start(name, argv, env)
    # The database check alone: the task worker, which /healthz/ also reports, starts later.
    wait_for_http(f"http://127.0.0.1:{port}/healthz/database/", timeout=60)
    return process


# A short poll interval: a purge reaches Varnish well within the second.
WORKER_ARGV = [BIN / "python", "manage.py", "run_worker", "--interval", "0.05"]


def start_workers(processes, env):
    processes.start("worker", WORKER_ARGV, env)
    processes.start("scheduler", [BIN / "python", "manage.py", "run_scheduler"], env)


def restart_dead_worker(processes, env):
    """The task worker is started again when it dies (kill -9, out of memory): the tasks
    it held are queued again by the new one's reaper. Anything else stopping ends the run."""
    for name, process, log in list(processes.running):
        if name == "worker" and process.poll() is not None:
            print(f"the task worker stopped (status {process.returncode}); starting it again")
            log.close()
            processes.running.remove((name, process, log))
            time.sleep(1)
            processes.start("worker", WORKER_ARGV, env)


def render_vcl(backend_port, path, streams_port=None):
    text = VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";')
    text = text.replace('.port = "8002";', f'.port = "{streams_port or backend_port}";')
    Path(path).write_text(text)
    return path


def start_varnish(processes, port, backend_port, work_dir=None, memory="256m", streams_port=None):
    """varnishd in the foreground. Its workers run as Debian's varnish users, so the VCL
    sits in a directory they can read (a fresh one under /tmp unless work_dir is given)."""
    if shutil.which("varnishd") is None:
        raise SystemExit("varnishd not found: apt-get install varnish")
    work_dir = Path(work_dir or tempfile.mkdtemp(prefix="newsdesk-varnish-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    work_dir.chmod(0o755)
    vcl = render_vcl(backend_port, work_dir / "default.vcl", streams_port)
    argv = [
        "varnishd", "-F",
        "-n", work_dir / "varnish",
        "-a", f"127.0.0.1:{port}",
        "-T", f"127.0.0.1:{free_port()}",
        "-f", vcl,
        "-s", f"malloc,{memory}",
        "-p", "default_grace=0",
    ]  # fmt: skip
    process = processes.start("varnish", argv)
    wait_for_http(f"http://127.0.0.1:{port}/healthz/", timeout=30, accept=(200, 503))
    return process


# --- make prod --------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080, help="Varnish, what readers use")
    parser.add_argument("--app-port", type=int, default=8001)
    parser.add_argument("--streams-port", type=int, default=8002)
    parser.add_argument("--s3-port", type=int, default=9000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database", default="newsdesk_prod")
    options = parser.parse_args()

    processes = Processes(RUN_DIR / "logs")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        drop_database(options.database)
        database_url = create_database(options.database)
        empty_redis_database(REDIS_URL)
        start_moto(processes, options.s3_port)
        public_url = f"http://127.0.0.1:{options.port}"
        env = app_environment(database_url, options.s3_port, public_url, varnish_url=public_url)
        prepare_app(env)
        start_app(processes, env, options.app_port, options.workers)
        start_streams_app(processes, env, options.streams_port)
        start_workers(processes, env)
        start_varnish(
            processes, options.port, options.app_port, RUN_DIR, streams_port=options.streams_port
        )
        print(f"newsdesk (production profile) on {public_url}/  (admin: {public_url}/admin/)")
        print(f"logs in {RUN_DIR / 'logs'}; Ctrl-C stops everything")
        while True:
            time.sleep(1)
            restart_dead_worker(processes, env)
            if any(process.poll() is not None for _name, process, _log in processes.running):
                break
        print("a process stopped; see its log", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        processes.stop_all()


if __name__ == "__main__":
    main()
