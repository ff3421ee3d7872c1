"""Which database a read goes to in the multi-node profile (newsdesk/core/db_routing.py):
the replica for an anonymous reader's GET outside a transaction while it answers; the
primary for anything else, and after the reader sent anything else until the replica has
replayed it. The real replica (paused, stopped) is exercised by tests/cluster/."""

import pytest
from django.db import OperationalError, connections
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from newsdesk.core import db_routing
from newsdesk.core.db_routing import (
    PrimaryReplicaRouter,
    ReplicaHealth,
    ReplicaReadsMiddleware,
)

router = PrimaryReplicaRouter()


@pytest.fixture
def replica(monkeypatch):
    """A replica configured and answering; tests change what it answers."""
    monkeypatch.setattr(db_routing, "has_replica", lambda: True)
    health = ReplicaHealth()
    health.check = lambda written_at=None: True
    monkeypatch.setattr(db_routing, "replica_health", health)
    return health


def read_database(request):
    """Serve request through the middleware; the database a read in the view goes to,
    and the response."""
    seen = {}

    def view(request):
        seen["read"] = router.db_for_read(None)
        seen["write"] = router.db_for_write(None)
        return HttpResponse("ok")

    response = ReplicaReadsMiddleware(view)(request)
    return seen["read"], seen["write"], response


factory = RequestFactory()


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_an_anonymous_readers_safe_request_reads_from_the_replica(replica, method):
    read, write, response = read_database(getattr(factory, method)("/news/harbour/"))
    assert (read, write) == ("replica", "default")
    assert "newsdesk_primary" not in response.cookies


@pytest.mark.django_db  # on PostgreSQL the pin asks the primary for its WAL position
@override_settings(NEWSDESK_DB_PIN_SECONDS=7)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_anything_else_reads_the_primary_and_pins_the_reader_to_it(replica, method):
    read, _write, response = read_database(getattr(factory, method)("/comments/1/"))
    assert read == "default"
    pin = response.cookies["newsdesk_primary"]
    assert pin["max-age"] == 7
    assert pin["httponly"]


@pytest.mark.django_db
def test_an_unknown_method_counts_as_a_write(replica):
    read, _write, response = read_database(factory.generic("PURGE", "/news/"))
    assert read == "default"
    assert "newsdesk_primary" in response.cookies


@pytest.mark.parametrize("value", ["1", "", "garbage;%00", "0"])
def test_a_pinned_reader_reads_the_primary_whatever_the_pin_says(replica, value):
    request = factory.get("/news/")
    request.COOKIES["newsdesk_primary"] = value
    assert read_database(request)[0] == "default"


def pinned(position):
    request = factory.get("/comments/article/3/fragment/")
    request.COOKIES["newsdesk_primary"] = position
    return request


def test_a_pinned_reader_reads_the_replica_once_it_has_replayed_their_write(replica):
    asked = []
    replica.check = lambda written_at=None: asked.append(written_at) or True
    read, _write, response = read_database(pinned("1A-3000F28"))
    assert read == "replica"
    assert asked == ["1A/3000F28"]
    # The pin is over: their pages may come from Varnish again.
    assert response.cookies["newsdesk_primary"]["max-age"] == 0


def test_a_pinned_reader_reads_the_primary_while_the_replica_is_behind(replica):
    replica.check = lambda written_at=None: written_at is None
    read, _write, response = read_database(pinned("1A-3000F28"))
    assert read == "default"
    assert "newsdesk_primary" not in response.cookies  # kept as it is


@pytest.mark.parametrize("value", ["1A/3000F28", "1A-3000F28-1", "123456789-0", "1a-ff"])
def test_a_pin_that_is_not_a_position_lasts_its_whole_time(replica, value):
    replica.check = lambda written_at=None: True
    read, _write, response = read_database(pinned(value))
    assert read == "default"
    assert "newsdesk_primary" not in response.cookies


@pytest.mark.django_db
def test_a_write_pins_the_reader_to_the_primarys_wal_position(replica):
    """On PostgreSQL the pin names the position the replica must reach; elsewhere there
    is none and the pin is just a pin."""
    position = db_routing.written_position()
    _read, _write, response = read_database(factory.post("/comments/1/"))
    value = response.cookies["newsdesk_primary"].value
    if connections["default"].vendor == "postgresql":
        assert db_routing.WAL_POSITION.fullmatch(value)
        assert db_routing.WAL_POSITION.fullmatch(position)
    else:
        assert (position, value) == (None, "1")


def test_a_reader_with_a_session_reads_the_primary(replica, settings):
    request = factory.get("/news/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "anything"
    assert read_database(request)[0] == "default"


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/3/edit/"])
def test_the_admin_reads_the_primary(replica, path):
    assert read_database(factory.get(path))[0] == "default"


class PrimaryConnection:
    """The primary's connection, as the router sees it: in a transaction or not."""

    in_atomic_block = False


def test_a_read_inside_a_transaction_goes_to_the_primary(replica, monkeypatch):
    # A real transaction.atomic() here would need a transactional test, which empties the
    # test database for the tests after it; the router reads only this flag.
    primary = PrimaryConnection()
    monkeypatch.setattr(db_routing, "connections", {"default": primary})
    seen = []

    def view(request):
        seen.append(router.db_for_read(None))
        primary.in_atomic_block = True
        seen.append(router.db_for_read(None))
        primary.in_atomic_block = False
        seen.append(router.db_for_read(None))
        return HttpResponse()

    ReplicaReadsMiddleware(view)(factory.get("/news/"))
    assert seen == ["replica", "default", "replica"]


def test_outside_a_request_everything_reads_the_primary(replica):
    assert router.db_for_read(None) == "default"


def test_without_a_replica_the_middleware_changes_nothing():
    read, _write, response = read_database(factory.post("/comments/1/"))
    assert read == "default"
    assert not response.cookies


def test_a_replica_that_does_not_answer_sends_reads_to_the_primary(replica):
    replica.check = lambda written_at=None: False
    assert read_database(factory.get("/news/"))[0] == "default"


def test_the_replica_is_checked_once_a_request(replica):
    checks = []
    replica.check = lambda written_at=None: checks.append(1) or True

    def view(request):
        for _ in range(5):
            assert router.db_for_read(None) == "replica"
        return HttpResponse()

    ReplicaReadsMiddleware(view)(factory.get("/news/"))
    ReplicaReadsMiddleware(view)(factory.get("/news/"))
    assert len(checks) == 2


def test_only_the_primary_is_migrated():
    assert router.allow_migrate("default", "news")
    assert not router.allow_migrate("replica", "news")


class DeadConnection:
    def __init__(self):
        self.tries = 0
        self.closed = 0

    def cursor(self):
        self.tries += 1
        raise OperationalError("connection refused")

    def close(self):
        self.closed += 1


@pytest.mark.django_db
def test_a_failed_check_rests_the_replica_then_tries_it_again(monkeypatch, settings):
    dead = DeadConnection()
    monkeypatch.setattr(
        db_routing, "connections", {"default": connections["default"], "replica": dead}
    )
    health = ReplicaHealth()
    settings.NEWSDESK_DB_REPLICA_RETRY_SECONDS = 60
    assert not health.check()
    assert not health.check()  # resting: no second connection attempt
    assert (dead.tries, dead.closed) == (1, 1)
    assert health.is_resting()
    health.down_until = 0  # the rest is over
    assert not health.check()
    assert dead.tries == 2


@pytest.mark.django_db
def test_a_replica_that_answers_passes_its_check():
    # The default connection stands in for a replica that answers.
    assert ReplicaHealth(alias="default").check()
