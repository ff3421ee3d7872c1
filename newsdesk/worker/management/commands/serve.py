import io
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from newsdesk.worker.conf import worker_settings
from newsdesk.worker.supervisor import Child, Supervisor

MANAGE = Path(settings.BASE_DIR) / "manage.py"


class Command(BaseCommand):
    help = (
        "Serve the site with granian (ASGI) beside a supervised task worker, the publishing "
        "scheduler and, optionally, the demo's test stream: what `make run` runs. Prints the "
        "address once the site answers; Ctrl-C stops everything."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--reload", action="store_true", help="Restart on code changes.")
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Load the demo newsroom into an empty site and print its logins last.",
        )
        parser.add_argument(
            "--test-stream", action="store_true", help="Run the demo channel's test stream."
        )
        parser.add_argument(
            "--ready-timeout", type=float, default=60, help="Seconds to wait for the site."
        )

    def handle(self, *args, host, port, reload, demo, test_stream, ready_timeout, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        try:
            worker_settings.validate()
        except ImproperlyConfigured as error:
            raise CommandError(error) from error
        try:
            logins = self.load_demo() if demo else ""
        except KeyboardInterrupt:  # Ctrl-C while the demo loads: nothing runs yet
            self.stdout.write("Stopped.")
            return
        supervisor = Supervisor(
            self.children(host, port, reload, test_stream),
            max_backoff=worker_settings.RESTART_MAX_BACKOFF_SECONDS,
            stable_after=worker_settings.STABLE_SECONDS,
        )
        stopping = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stopping.set())
        supervisor.start()
        try:
            if self.wait_until_ready(supervisor, f"http://{host}:{port}", ready_timeout, stopping):
                self.stdout.write(
                    f"Serving on http://{host}:{port}/ (admin: http://{host}:{port}/admin/)"
                )
                self.stdout.write(logins, ending="")
                self.stdout.flush()
            while not stopping.wait(0.5):
                supervisor.watch()
        finally:
            supervisor.stop()
        self.stdout.write("Stopped.")

    def children(self, host, port, reload, test_stream):
        env = dict(os.environ)
        python = sys.executable
        server = [
            str(Path(python).with_name("granian")),
            "--interface", "asginl",
            "--host", host,
            "--port", str(port),
            "--workers", "1",
            "--log-level", "warning",
            *(["--reload", "--reload-paths", str(Path(settings.BASE_DIR) / "newsdesk")] if reload else []),
            "newsdesk.asgi:application",
        ]  # fmt: skip
        # Their stdout only says they started; warnings and errors go to stderr.
        quiet = subprocess.DEVNULL
        children = [
            Child("server", server, env),
            Child("worker", [python, str(MANAGE), "run_worker"], env, stdout=quiet),
            Child("scheduler", [python, str(MANAGE), "run_scheduler"], env, stdout=quiet),
        ]
        if test_stream:
            children.append(
                Child(
                    "test stream",
                    [python, str(MANAGE), "make_test_stream"],
                    env,
                    stdout=quiet,
                    restart_after_success=False,  # no ffmpeg at all: it said so and stopped
                )
            )
        return children

    def load_demo(self):
        """The demo's report and logins, kept to be printed last."""
        report = io.StringIO()
        call_command("load_demo", if_empty=True, stdout=report)
        return report.getvalue()

    def wait_until_ready(self, supervisor, url, timeout, stopping):
        """Whether the site answered before the timeout (or a stop)."""
        deadline = time.monotonic() + timeout
        status = None
        while not stopping.is_set() and time.monotonic() < deadline:
            supervisor.watch()
            status = http_status(f"{url}/healthz/")
            if status == 200:
                return True
            stopping.wait(0.2)
        if stopping.is_set():
            return False
        if status is None:
            self.stderr.write(f"The site did not answer at {url}/ within {timeout:g} s.")
            return False
        self.stderr.write(f"The site answers, but {url}/healthz/ says it is degraded.")
        return True


def http_status(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None
