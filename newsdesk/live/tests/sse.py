"""A small Server-Sent Events client for the tests: it reads a stream in a thread and keeps
every event, so a test can wait for the one it expects."""

import contextlib
import http.client
import json
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Event:
    id: str | None
    data: dict


class SseReader:
    def __init__(self, url, last_event_id=None, timeout=10):
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        self.connection.request("GET", path, headers=headers)
        self.response = self.connection.getresponse()
        self.events = []
        self.comments = []
        self.retry = None
        self.finished = threading.Event()
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    @property
    def status(self):
        return self.response.status

    def header(self, name):
        return self.response.getheader(name)

    def _read(self):
        event_id, data = None, []
        try:
            while True:
                line = self.response.readline()
                if not line:
                    break
                line = line.decode().rstrip("\r\n")
                if line.startswith(":"):
                    self._add(self.comments, line[1:].strip())
                elif line.startswith("retry:"):
                    self.retry = int(line[6:])
                    self._add(self.comments, "retry")
                elif line.startswith("id:"):
                    event_id = line[3:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif not line and data:
                    self._add(self.events, Event(event_id, json.loads("\n".join(data))))
                    event_id, data = None, []
        except (OSError, ValueError, AttributeError, http.client.HTTPException):
            pass  # closed from the test's thread while reading
        finally:
            self.finished.set()
            with self._changed:
                self._changed.notify_all()

    def _add(self, items, item):
        with self._changed:
            items.append(item)
            self._changed.notify_all()

    def wait_for(self, predicate, timeout=2.0):
        """The first event matching the predicate, waiting up to `timeout` seconds for it."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for event in self.events:
                    if predicate(event):
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.finished.is_set():
                    raise AssertionError(
                        f"No matching event within {timeout} s; got {[e.data for e in self.events]}"
                    )
                self._changed.wait(remaining)

    def wait_for_entry(self, entry_id, kind=None, timeout=2.0):
        return self.wait_for(
            lambda event: (
                event.data.get("entry") == entry_id and (kind is None or event.data["kind"] == kind)
            ),
            timeout,
        )

    def wait_until_subscribed(self, timeout=5.0):
        """The server sends its first bytes (the retry hint) once the reader is subscribed."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self.retry is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.finished.is_set():
                    raise AssertionError(f"The stream did not start (HTTP {self.status})")
                self._changed.wait(remaining)

    def close(self):
        sock = self.connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed by the server
                sock.shutdown(socket.SHUT_RDWR)
        self.connection.close()
        self._thread.join(timeout=5)


class ResumingReader:
    """A reader as a browser's EventSource is one: when the stream drops it connects again
    after a pause, sending the id of the last event it had (Last-Event-ID). It keeps the id
    of every event it received, in order, and counts its connections."""

    def __init__(self, url, reconnect_after=0.3):
        parts = urlsplit(url)
        self.host, self.port, self.path = parts.hostname, parts.port, parts.path
        self.reconnect_after = reconnect_after
        self.ids = []
        self.connections = 0
        self.retry = None  # the last retry hint: 3000 on a held stream, 2000 when polling
        self.started = threading.Event()  # the first stream's first bytes arrived
        self._stopping = threading.Event()
        self._connection = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stopping.is_set():
            with contextlib.suppress(OSError, http.client.HTTPException):
                self._read_one_stream()
            self._stopping.wait(self.reconnect_after)

    def _read_one_stream(self):
        self._connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Accept": "text/event-stream"}
        if self.ids:
            headers["Last-Event-ID"] = str(self.ids[-1])
        self._connection.request("GET", self.path, headers=headers)
        response = self._connection.getresponse()
        self.connections += 1
        if response.status != 200:
            return
        event_id = None
        while line := response.readline():
            line = line.decode().rstrip("\r\n")
            if line.startswith("retry:"):
                self.retry = int(line[6:])
                self.started.set()
            elif line.startswith("id:"):
                event_id = int(line[3:])
            elif not line and event_id is not None:
                self.ids.append(event_id)
                event_id = None

    def close(self):
        self._stopping.set()
        connection = self._connection
        if connection is not None and connection.sock is not None:
            with contextlib.suppress(OSError):
                connection.sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)
