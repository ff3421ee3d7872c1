"""Fan-out through Redis pub/sub, so every server process delivers every event.

Publishing is one PUBLISH from the sync code that posted the entry. Each process (each
event loop in it) keeps a single pattern subscription to all live blogs and hands what
arrives to its own subscribers through the Hub: one Redis connection per process, however
many readers are connected.
"""

import asyncio
import logging
import threading

import redis
import redis.asyncio

from .base import Broker, Message

logger = logging.getLogger(__name__)
RECONNECT_DELAYS = (0.5, 1, 2, 5, 10)


def encode(message):
    return f"{message.id} {message.previous_id}\n".encode() + message.frame


def decode(data):
    header, _, frame = data.partition(b"\n")
    event_id, previous_id = (int(part) for part in header.split())
    return Message(event_id, previous_id, frame)


class RedisBroker(Broker):
    def __init__(self, backlog, url, prefix):
        super().__init__(backlog)
        self.url = url
        self.prefix = prefix
        self._client = None
        self._client_lock = threading.Lock()
        self._listeners = {}  # event loop -> its listening task

    @classmethod
    def from_settings(cls, live_settings):
        return cls(
            live_settings.SUBSCRIBER_BACKLOG,
            url=live_settings.redis_url,
            prefix=live_settings.REDIS_CHANNEL_PREFIX,
        )

    def publish(self, topic, message):
        self.client.publish(self.prefix + topic, encode(message))

    @property
    def client(self):
        with self._client_lock:
            if self._client is None:
                self._client = redis.Redis.from_url(
                    self.url, socket_timeout=2, socket_connect_timeout=2
                )
            return self._client

    def prepare(self, loop):
        for other in [other for other in self._listeners if other.is_closed()]:
            del self._listeners[other]
        task = self._listeners.get(loop)
        if task is None or task.done():
            self._listeners[loop] = loop.create_task(self._listen(loop))

    async def _listen(self, loop):
        attempt = 0
        while True:
            client = redis.asyncio.Redis.from_url(self.url, socket_connect_timeout=2)
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.psubscribe(self.prefix + "*")
                attempt = 0
                # Whatever was published before the subscription took hold is in the
                # database: every reader of this loop checks it.
                self.hub.request_replay(loop)
                async for raw in pubsub.listen():
                    if raw.get("type") == "pmessage":
                        self._dispatch(raw["channel"], raw["data"])
            except (redis.RedisError, OSError) as error:
                delay = RECONNECT_DELAYS[min(attempt, len(RECONNECT_DELAYS) - 1)]
                attempt += 1
                logger.warning("Live fan-out lost Redis (%s); retrying in %s s", error, delay)
                await asyncio.sleep(delay)
            finally:
                await pubsub.aclose()
                await client.aclose()

    def _dispatch(self, channel, data):
        topic = channel.decode()[len(self.prefix) :]
        try:
            message = decode(data)
        except ValueError:
            logger.warning("Ignored a malformed live message on %s", channel)
            return
        self.hub.deliver(topic, message)

    def close(self):
        if self._client is not None:
            self._client.close()
