"""The fan-out broker: the in-process hub of subscribers, the Redis backend, and how the
settings choose between them."""

import asyncio
import threading

import pytest
import redis
from asgiref.sync import async_to_sync
from django.test import override_settings

from conftest import redis_test_url, skip_or_fail
from newsdesk.live.brokers import get_broker
from newsdesk.live.brokers.base import Hub, Message, Subscription
from newsdesk.live.brokers.in_process import InProcessBroker
from newsdesk.live.brokers.redis_pubsub import RedisBroker, decode, encode

REDIS_URL = redis_test_url(15)


def message(event_id, previous_id=0):
    return Message(event_id, previous_id, f"id: {event_id}\ndata: {{}}\n\n".encode())


def test_a_subscription_wakes_for_messages_and_times_out_without():
    async def scenario():
        subscription = Subscription(backlog=10)
        assert await subscription.wait(0.01) is False
        subscription.deliver(message(1))
        assert await subscription.wait(0.01) is True
        return subscription.take()

    assert async_to_sync(scenario)() == [message(1)]


def test_a_reader_too_slow_to_keep_up_is_marked_overflowed():
    async def scenario():
        subscription = Subscription(backlog=2)
        for event_id in (1, 2, 3):
            subscription.deliver(message(event_id))
        return subscription

    subscription = async_to_sync(scenario)()
    assert subscription.overflowed
    assert [m.id for m in subscription.take()] == [1, 2]


def test_messages_published_from_another_thread_reach_every_subscriber_of_the_topic():
    broker = InProcessBroker(backlog=10)

    async def scenario():
        async with (
            broker.subscribe("blog:1") as first,
            broker.subscribe("blog:1") as second,
            broker.subscribe("blog:2") as other,
        ):
            thread = threading.Thread(target=broker.publish, args=("blog:1", message(7)))
            thread.start()
            thread.join()
            assert await first.wait(1) and await second.wait(1)
            assert await other.wait(0.05) is False
            return first.take(), second.take(), broker.hub.count()

    first, second, count = async_to_sync(scenario)()
    assert first == second == [message(7)]
    assert count == 3
    assert broker.hub.count() == 0  # leaving the block unsubscribes


def test_a_replay_request_reaches_every_subscriber():
    hub = Hub(backlog=10)

    async def scenario():
        async with hub.subscription("blog:1") as one, hub.subscription("blog:2") as two:
            hub.request_replay()
            await one.wait(1)
            await two.wait(1)
            return one.needs_replay and two.needs_replay

    assert async_to_sync(scenario)()


def test_messages_survive_the_trip_through_redis_encoding():
    original = message(42, previous_id=40)
    assert decode(encode(original)) == original


def test_the_settings_choose_the_broker():
    assert isinstance(get_broker(), InProcessBroker)
    with override_settings(REDIS_URL=REDIS_URL):
        assert isinstance(get_broker(), RedisBroker)
    with override_settings(
        NEWSDESK_LIVE_BROKER="newsdesk.live.brokers.in_process.InProcessBroker",
        REDIS_URL=REDIS_URL,
    ):
        assert isinstance(get_broker(), InProcessBroker)
    assert get_broker() is get_broker()  # one per process


@pytest.fixture
def redis_broker():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis not reachable at {REDIS_URL} ({error}): start redis-server")
    broker = RedisBroker(backlog=10, url=REDIS_URL, prefix="newsdesk-test:live:")
    yield broker
    broker.close()


def test_the_redis_broker_delivers_through_pub_sub(redis_broker):
    async def scenario():
        async with redis_broker.subscribe("blog:9") as subscription:
            # The pattern subscription takes hold, then asks its readers to check the database.
            assert await subscription.wait(5)
            assert subscription.needs_replay
            subscription.needs_replay = False
            await asyncio.to_thread(redis_broker.publish, "blog:9", message(3, previous_id=2))
            assert await subscription.wait(5)
            return subscription.take()

    assert async_to_sync(scenario)() == [message(3, previous_id=2)]
