"""Live blog readers held by a real Pushpin, restarted mid-stream: every reader resumes
and receives every entry exactly once, in order.

The app (granian, WSGI: behind Pushpin no Python process holds a stream) and Pushpin run
on free loopback ports, on a SQLite file and a folder of their own. Fifty readers connect
through Pushpin as browsers do and reconnect with Last-Event-ID when dropped; an editor
posts entries through the admin before, while and after Pushpin is down. Marked
`processes` (about 30 s): it runs once. Skips when Debian's pushpin is not installed, and
fails under CI=true.
"""

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import skip_or_fail
from deploy.pushpin import run as pushpin

from .conftest import free_port
from .factories import entry_form
from .sse import ResumingReader
from .test_two_processes import SETUP, AdminSession, wait_for

ROOT = Path(__file__).resolve().parents[3]
READERS = 50
ENTRIES_BEFORE, ENTRIES_WHILE_DOWN, ENTRIES_AFTER = 5, 3, 5
DELIVERY_TIMEOUT = 20

pytestmark = pytest.mark.processes


@pytest.fixture
def site(tmp_path):
    if not pushpin.installed():
        skip_or_fail("pushpin not found: apt-get install pushpin")
    sig_key = secrets.token_urlsafe(32)
    ports = pushpin.PushpinPorts.free()
    app_port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "NEWSDESK_CACHE_ENABLED": "false",
        "GRIP_URL": pushpin.grip_url(ports, sig_key),
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True, cwd=ROOT)
    made = subprocess.run(
        [*manage, "shell", "-c", SETUP], env=env, check=True, cwd=ROOT, capture_output=True
    )
    blog_id = int(made.stdout.decode().split()[-1])
    config = pushpin.write_config(tmp_path / "pushpin", ports, f"127.0.0.1:{app_port}", sig_key)
    app = start_app(env, app_port)
    try:
        wait_for(app_port)
        yield {"app": f"http://127.0.0.1:{app_port}", "blog": blog_id, "pushpin": (config, ports)}
    finally:
        stop(app)


def start_app(env, port):
    command = [
        str(Path(sys.executable).parent / "granian"),
        "--interface", "wsgi",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--no-access-log",
        "--log-level", "warning",
        "newsdesk.wsgi:application",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)


def start_pushpin(config, ports, log):
    process = subprocess.Popen(
        pushpin.argv(config), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    pushpin.wait_until_ready(ports, process=process)
    return process


def stop(process, timeout=10):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def post_entries(editor, blog_id, count, label):
    for number in range(count):
        response = editor.post(
            f"/admin/live/blog/{blog_id}/", entry_form(f"<p>{label} {number}.</p>")
        )
        assert response.url.endswith(f"/admin/live/blog/{blog_id}/")  # redirected: posted


def wait_until(readers, count, timeout=DELIVERY_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(len(reader.ids) >= count for reader in readers):
            return
        time.sleep(0.1)
    behind = sorted(len(reader.ids) for reader in readers)[:5]
    raise AssertionError(f"not every reader got {count} events in {timeout} s: {behind}…")


def every_event_id(app_url, blog_id):
    """The blog's events as the database has them: a request that does not come through
    Pushpin is answered once, with every event after Last-Event-ID 0."""
    from urllib.request import Request, urlopen

    request = Request(f"{app_url}/live/blog/{blog_id}/events/", headers={"Last-Event-ID": "0"})
    with urlopen(request, timeout=10) as response:
        body = response.read().decode()
    return [int(line[4:]) for line in body.splitlines() if line.startswith("id: ")]


def test_every_reader_gets_every_entry_once_in_order_across_a_pushpin_restart(site, tmp_path):
    config, ports = site["pushpin"]
    blog_id = site["blog"]
    log = open(tmp_path / "pushpin.log", "ab")  # noqa: SIM115 - closed below
    proxy = start_pushpin(config, ports, log)
    readers = []
    try:
        url = f"http://127.0.0.1:{ports.http}/live/blog/{blog_id}/events/"
        readers = [ResumingReader(url) for _ in range(READERS)]
        for reader in readers:
            assert reader.started.wait(10), "a stream through Pushpin did not start"
        editor = AdminSession(site["app"])
        editor.sign_in("desk", "desk-password")

        post_entries(editor, blog_id, ENTRIES_BEFORE, "Before the restart")
        wait_until(readers, ENTRIES_BEFORE)

        stop(proxy)
        # Published to a Pushpin that is not there: the database has them.
        post_entries(editor, blog_id, ENTRIES_WHILE_DOWN, "While Pushpin was down")
        proxy = start_pushpin(config, ports, log)
        # At once, while readers are still coming back: each entry is either in a
        # reader's catch-up or published on its hold, never both, never neither.
        post_entries(editor, blog_id, ENTRIES_AFTER, "After the restart")

        total = ENTRIES_BEFORE + ENTRIES_WHILE_DOWN + ENTRIES_AFTER
        wait_until(readers, total)
        time.sleep(1)  # anything delivered twice would have arrived by now
        expected = every_event_id(site["app"], blog_id)
        assert len(expected) == total
        for reader in readers:
            assert reader.ids == expected
            assert reader.connections >= 2  # the restart dropped it; it came back
    finally:
        for reader in readers:
            reader.close()
        stop(proxy)
        log.close()
