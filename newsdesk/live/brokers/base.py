"""The fan-out broker's interface: publish a live blog's events, subscribe readers to them.

publish() is called from ordinary (sync) Django code once the database has committed;
subscribe() from the readers' async streams. A broker hands each message to a Hub, which
holds this process's subscribers and wakes each one on its own event loop.
"""

import asyncio
import threading
from collections import deque
from contextlib import asynccontextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """One event of a live blog, as its readers' streams send it.

    `previous_id` is the blog's event before this one: a subscriber whose last event is
    not that one has missed something (a lost or reordered message) and catches up from
    the database.
    """

    id: int
    previous_id: int
    frame: bytes


class Subscription:
    """One reader's stream: the messages waiting for it and the event that wakes it.

    Only touched from its event loop's thread, so it needs no lock.
    """

    def __init__(self, backlog):
        self.backlog = backlog
        self.pending = deque()
        self.overflowed = False
        self.needs_replay = False
        self._wake = asyncio.Event()

    def deliver(self, message):
        if len(self.pending) >= self.backlog:
            # A reader this far behind reconnects and catches up from the database.
            self.overflowed = True
        else:
            self.pending.append(message)
        self._wake.set()

    def request_replay(self):
        self.needs_replay = True
        self._wake.set()

    async def wait(self, timeout):
        """True when there is something to do, False after `timeout` seconds of nothing."""
        if not self._wake.is_set():
            try:
                await asyncio.wait_for(self._wake.wait(), timeout)
            except TimeoutError:
                return False
        self._wake.clear()
        return True

    def take(self):
        messages = list(self.pending)
        self.pending.clear()
        return messages


class Hub:
    """This process's subscribers, by topic and by the event loop each one runs on."""

    def __init__(self, backlog):
        self.backlog = backlog
        self._lock = threading.Lock()
        self._topics = {}  # topic -> {loop -> set of subscriptions}

    @asynccontextmanager
    async def subscription(self, topic):
        loop = asyncio.get_running_loop()
        subscription = Subscription(self.backlog)
        with self._lock:
            self._topics.setdefault(topic, {}).setdefault(loop, set()).add(subscription)
        try:
            yield subscription
        finally:
            with self._lock:
                by_loop = self._topics.get(topic, {})
                by_loop.get(loop, set()).discard(subscription)
                if not by_loop.get(loop):
                    by_loop.pop(loop, None)
                if not by_loop:
                    self._topics.pop(topic, None)

    def deliver(self, topic, message):
        """Hand a message to every subscriber of the topic; callable from any thread."""
        with self._lock:
            targets = [(loop, list(subs)) for loop, subs in self._topics.get(topic, {}).items()]
        for loop, subscriptions in targets:
            self._call_on(loop, deliver_to_all, subscriptions, message)

    def request_replay(self, only_loop=None):
        """The subscribers (of one event loop, or all) may have missed messages, as when the
        broker lost its connection: each checks the database."""
        with self._lock:
            targets = [
                (loop, list(subs))
                for by_loop in self._topics.values()
                for loop, subs in by_loop.items()
                if only_loop is None or loop is only_loop
            ]
        for loop, subscriptions in targets:
            self._call_on(loop, replay_all, subscriptions)

    def count(self):
        with self._lock:
            return sum(len(subs) for by_loop in self._topics.values() for subs in by_loop.values())

    @staticmethod
    def _call_on(loop, function, *args):
        if loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            function(*args)
        else:
            # One wake-up of the loop per message, however many readers it serves.
            loop.call_soon_threadsafe(function, *args)


def deliver_to_all(subscriptions, message):
    for subscription in subscriptions:
        subscription.deliver(message)


def replay_all(subscriptions):
    for subscription in subscriptions:
        subscription.request_replay()


class Broker:
    """Fans a live blog's events out to every reader, in this process or all of them."""

    def __init__(self, backlog):
        self.hub = Hub(backlog)

    @classmethod
    def from_settings(cls, live_settings):
        return cls(live_settings.SUBSCRIBER_BACKLOG)

    def publish(self, topic, message):
        """Send a message to the topic's subscribers; called after the database commits."""
        raise NotImplementedError

    @asynccontextmanager
    async def subscribe(self, topic):
        """A Subscription to the topic, for as long as the `async with` block runs."""
        self.prepare(asyncio.get_running_loop())
        async with self.hub.subscription(topic) as subscription:
            yield subscription

    def prepare(self, loop):
        """Called on a subscriber's event loop before it subscribes."""

    def close(self):
        """Release connections; the broker is not used again."""
