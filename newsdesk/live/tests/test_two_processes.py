"""Several server processes all deliver every entry: two granian processes share a
database and Redis; an editor posts through one, readers of both get the entry.

Slow for a unit test (it migrates a throwaway SQLite file and starts two servers, about
15 s), and needs Redis: it skips with a message when Redis is unreachable, and fails under
CI=true. bench/live_sse.py is its large cousin.
"""

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest
import redis

from conftest import redis_test_url, skip_or_fail

from .conftest import free_port
from .factories import entry_form
from .sse import SseReader

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("NEWSDESK_TEST_REDIS_URL", redis_test_url(15))
SETUP = """
from django.contrib.auth import get_user_model
from wagtail.models import Site
from newsdesk.live.models import LiveBlogPage
from newsdesk.news.models import SectionPage

home = Site.objects.get(is_default_site=True).root_page.specific
section = SectionPage(title="News", slug="news")
home.add_child(instance=section)
section.save_revision().publish()
blog = LiveBlogPage(title="Two servers, one blog", slug="two-servers")
section.add_child(instance=blog)
blog.save_revision().publish()
get_user_model().objects.create_superuser("desk", "desk@example.com", "desk-password")
print(blog.pk)
"""


@pytest.fixture
def shared_environment(tmp_path):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis not reachable at {REDIS_URL} ({error}): start redis-server")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "REDIS_URL": REDIS_URL,
        "NEWSDESK_CACHE_ENABLED": "false",  # no pages of this run left in Redis
        # Pub/sub channels are server-wide: this run hears only itself.
        "NEWSDESK_LIVE_REDIS_CHANNEL_PREFIX": f"newsdesk-test-{uuid.uuid4().hex}:",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True, cwd=ROOT)
    made = subprocess.run(
        [*manage, "shell", "-c", SETUP], env=env, check=True, cwd=ROOT, capture_output=True
    )
    blog_id = int(made.stdout.decode().split()[-1])
    return env, blog_id


@pytest.fixture
def two_servers(shared_environment):
    env, blog_id = shared_environment
    servers = [start_granian(env) for _ in range(2)]
    try:
        for port, _ in servers:
            wait_for(port)
        yield [f"http://127.0.0.1:{port}" for port, _ in servers], blog_id
    finally:
        for _, process in servers:
            os.killpg(process.pid, signal.SIGTERM)
        for _, process in servers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # granian waits for open streams
                process.wait()


def start_granian(env):
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "granian"),
        "--interface", "asginl",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--no-access-log",
        "--log-level", "warning",
        "newsdesk.asgi:application",
    ]  # fmt: skip
    # A session of its own, so stopping it stops its worker process too.
    return port, subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)


def wait_for(port, timeout=30):
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"granian did not start on port {port}")


class AdminSession:
    """An editor in the admin of one server: signs in, then posts the quick form."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()))

    def csrf_token(self, path):
        html = self.opener.open(self.base_url + path, timeout=10).read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post(self, path, data):
        data = {**data, "csrfmiddlewaretoken": self.csrf_token(path)}
        request = Request(
            self.base_url + path,
            data=urlencode(data).encode(),
            headers={"Referer": self.base_url + path},
        )
        return self.opener.open(request, timeout=10)

    def sign_in(self, username, password):
        self.post("/admin/login/", {"username": username, "password": password})


@pytest.mark.processes  # two servers on a SQLite file of their own, whatever the database
def test_an_entry_posted_through_one_server_reaches_readers_of_both(two_servers):
    (first, second), blog_id = two_servers
    readers = [SseReader(f"{url}/live/blog/{blog_id}/events/") for url in (first, second)]
    try:
        for reader in readers:
            reader.wait_until_subscribed()
        editor = AdminSession(second)
        editor.sign_in("desk", "desk-password")

        posted_at = time.monotonic()
        response = editor.post(
            f"/admin/live/blog/{blog_id}/", entry_form("<p>Posted through the second server.</p>")
        )
        assert response.url.endswith(f"/admin/live/blog/{blog_id}/")  # redirected: posted

        for reader in readers:
            event = reader.wait_for(lambda event: event.data["kind"] == "posted", timeout=2)
            assert "Posted through the second server." in event.data["html"]
        assert time.monotonic() - posted_at < 3
        assert [len(reader.events) for reader in readers] == [1, 1]  # once each, no echo
    finally:
        for reader in readers:
            reader.close()
