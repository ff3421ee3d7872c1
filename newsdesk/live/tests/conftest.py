import socket
import threading
import time

import pytest

from newsdesk.live.brokers import reset_broker

from .factories import LiveBlogFactory
from .sse import SseReader


@pytest.fixture(autouse=True)
def fresh_broker():
    # The broker lives for the process; each test gets its own, with no subscribers left over.
    reset_broker()
    yield
    reset_broker()


@pytest.fixture
def blog(news):
    return LiveBlogFactory(parent=news, title="Storm on the coast: live updates")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AsgiLiveServer:
    """The site under uvicorn in a thread of the test process, so it shares the test
    database and the in-process broker. pytest-django's live_server is a WSGI server,
    which cannot hold a Server-Sent Events stream open."""

    def __init__(self):
        import uvicorn
        from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
        from django.core.asgi import get_asgi_application

        self.port = free_port()
        config = uvicorn.Config(
            ASGIStaticFilesHandler(get_asgi_application()),
            host="127.0.0.1",
            port=self.port,
            lifespan="off",
            log_level="warning",
            timeout_graceful_shutdown=1,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def asgi_server(transactional_db):
    server = AsgiLiveServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def open_stream(asgi_server):
    """Opens a live blog's events stream on the ASGI server; closes them all at the end."""
    readers = []

    def open_(blog, last_event_id=None, query=""):
        url = f"{asgi_server.url}/live/blog/{blog.pk}/events/{query}"
        reader = SseReader(url, last_event_id=last_event_id)
        readers.append(reader)
        reader.wait_until_subscribed()
        return reader

    yield open_
    for reader in readers:
        reader.close()
