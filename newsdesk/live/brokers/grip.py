"""Publishing to a GRIP proxy (Pushpin): the proxy holds the readers' streams, so this
process has no subscribers of its own.

Each event goes out as an http-stream item with its id and the blog's previous event id.
Pushpin checks them against what each held stream has last had: on a gap (a publish that
never arrived, or one made before a reader's hold was registered) it asks the stream's
next link (views.blog_events), which answers from the database. Publishing runs in
gripcontrol's background thread, so the editor's request never waits for Pushpin; a
publish that fails is logged, and readers catch up at the next event or reconnection.
"""

import logging
from contextlib import asynccontextmanager

from django.conf import settings
from gripcontrol import GripPubControl, HttpStreamFormat, parse_grip_uri
from pubcontrol import Item

from .base import Broker

logger = logging.getLogger(__name__)


class GripBroker(Broker):
    def __init__(self, backlog, url, prefix=""):
        super().__init__(backlog)
        self.prefix = prefix
        self.publisher = GripPubControl(parse_grip_uri(url))

    @classmethod
    def from_settings(cls, live_settings):
        return cls(
            live_settings.SUBSCRIBER_BACKLOG,
            live_settings.grip_url,
            getattr(settings, "GRIP_PREFIX", ""),
        )

    def channel(self, topic):
        return self.prefix + topic

    def publish(self, topic, message):
        item = Item(
            HttpStreamFormat(message.frame),
            id=str(message.id),
            prev_id=str(message.previous_id),
        )
        self.publisher.publish(self.channel(topic), item, callback=log_failure)

    @asynccontextmanager
    async def subscribe(self, topic):
        raise RuntimeError("Readers' streams are held by the GRIP proxy, not this process")
        yield  # pragma: no cover

    def wait_all_sent(self):
        """Block until every publish so far has been sent (tests, short-lived commands)."""
        self.publisher.wait_all_sent()

    def close(self):
        self.publisher.close()


def log_failure(succeeded, message):
    if not succeeded:
        logger.warning("Live event not published to the GRIP proxy: %s", message)
