"""Reads from a streaming replica where they may be stale, everything else on the primary.

A request may read from the replica (the "replica" database alias) only when all hold:
- it is a GET, HEAD or OPTIONS;
- it carries no session cookie (staff and signed-in readers see what they just did), and
  no pin cookie the replica has not caught up with: any other request sets the pin to the
  primary's WAL position after it (PostgreSQL's pg_current_wal_lsn()), so a reader who
  has just posted reads the primary until the replica has replayed that far (one
  comparison on the replica a request), however far behind it is, for at most
  NEWSDESK_DB_PIN_SECONDS; then the pin is deleted. A pin without a position (another
  database) lasts its whole NEWSDESK_DB_PIN_SECONDS;
- it is not under the admin;
- the read happens outside a transaction (inside one, what was written must be seen);
- the replica answers: the first read of each request checks the connection, and one
  that fails sends this process's reads to the primary for NEWSDESK_DB_REPLICA_RETRY_SECONDS.

Anything else, every write, every migration and every process outside a request (tasks,
the scheduler, manage.py) uses the primary. Without a replica configured the router and
the middleware do nothing, so the embedded default is untouched.
"""

import contextlib
import contextvars
import logging
import re
import threading
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.urls import reverse

logger = logging.getLogger(__name__)

REPLICA = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# A PostgreSQL WAL position (pg_lsn), its two hexadecimal halves joined by "-" in the
# cookie ("/" would have the cookie quoted).
WAL_POSITION = re.compile(r"([0-9A-F]{1,8})-([0-9A-F]{1,8})")

# Per request (and per thread under WSGI): None outside a request the replica may serve,
# else a dict that remembers whether the replica answered for this request.
replica_request = contextvars.ContextVar("newsdesk_replica_request", default=None)


def pin_seconds():
    return int(getattr(settings, "NEWSDESK_DB_PIN_SECONDS", 60))


def pin_cookie():
    return getattr(settings, "NEWSDESK_DB_PIN_COOKIE", "newsdesk_primary")


def retry_seconds():
    return float(getattr(settings, "NEWSDESK_DB_REPLICA_RETRY_SECONDS", 5))


def has_replica():
    return REPLICA in settings.DATABASES


class ReplicaHealth:
    """Whether this process should try the replica: after a failure it waits
    retry_seconds() before trying again, so an outage costs one failed check, not one a
    request."""

    def __init__(self, alias=REPLICA):
        self.alias = alias
        self.lock = threading.Lock()
        self.down_until = 0.0

    def is_resting(self):
        return time.monotonic() < self.down_until

    def mark_down(self):
        with self.lock:
            self.down_until = time.monotonic() + retry_seconds()

    def check(self, written_at=None):
        """One round trip on this thread's replica connection: whether it answers and, given
        a WAL position, has replayed that far. False (and the connection closed, so the
        next try reconnects) when it fails."""
        if self.is_resting():
            return False
        connection = connections[self.alias]
        try:
            with connection.cursor() as cursor:
                if written_at is None:
                    cursor.execute("SELECT 1")
                    return True
                # NULL on a server that is no standby: never counted as caught up.
                cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written_at])
                return bool(cursor.fetchone()[0])
        except DatabaseError as error:
            logger.warning("The replica did not answer (%s); reading from the primary", error)
            self.mark_down()
            with contextlib.suppress(DatabaseError):
                connection.close()
            return False


replica_health = ReplicaHealth()


class PrimaryReplicaRouter:
    """DATABASE_ROUTERS entry: see the module's docstring."""

    def db_for_read(self, model, **hints):
        state = replica_request.get()
        if state is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        if state.get("replica_answers") is None:
            state["replica_answers"] = replica_health.check(state.get("written_at"))
        return REPLICA if state["replica_answers"] else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read from either may point at
        # the other's.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def may_read_replica(request):
    if request.method not in SAFE_METHODS:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not request.path_info.startswith(reverse("wagtailadmin_home"))


def replica_state(request):
    """None when the request must read the primary; else what the router fills in, with
    the position the replica must have replayed when the reader is pinned."""
    if not may_read_replica(request):
        return None
    pin = request.COOKIES.get(pin_cookie())
    if pin is None:
        return {}
    if position := WAL_POSITION.fullmatch(pin):
        return {"written_at": "/".join(position.groups())}
    return None


def written_position():
    """The primary's WAL position once this request's writes are in, or None (not
    PostgreSQL, or it did not answer: the pin then lasts its whole time)."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            return cursor.fetchone()[0].replace("/", "-")
    except DatabaseError:
        return None


class ReplicaReadsMiddleware:
    """Marks the requests whose reads may go to the replica, and pins to the primary the
    reader who sent anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not has_replica():
            return self.get_response(request)
        state = replica_state(request)
        token = replica_request.set(state)
        try:
            response = self.get_response(request)
        finally:
            replica_request.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                pin_cookie(),
                written_position() or "1",
                max_age=pin_seconds(),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        elif state and state.get("written_at") and state.get("replica_answers"):
            # The replica has what the reader wrote: their pages may come from caches again.
            response.delete_cookie(pin_cookie(), samesite="Lax")
        return response
