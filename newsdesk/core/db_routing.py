"""Reads from a streaming replica where they may be stale, everything else on the primary.

A request may read from the replica (the "replica" database alias) only when all hold:
- it is a GET, HEAD or OPTIONS;
- it carries no session cookie (staff and signed-in readers see what they just did) and no
  pin cookie: any other request sets the pin, so a reader who has just posted reads the
  primary for NEWSDESK_DB_PIN_SECONDS, until the replica has replayed the write;
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
import threading
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.urls import reverse

logger = logging.getLogger(__name__)

REPLICA = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Per request (and per thread under WSGI): None outside a request the replica may serve,
# else a dict that remembers whether the replica answered for this request.
replica_request = contextvars.ContextVar("newsdesk_replica_request", default=None)


def pin_seconds():
    return int(getattr(settings, "NEWSDESK_DB_PIN_SECONDS", 5))


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

    def check(self):
        """One round trip on this thread's replica connection; False (and the connection
        closed, so the next try reconnects) when it fails."""
        if self.is_resting():
            return False
        connection = connections[self.alias]
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError as error:
            logger.warning("The replica did not answer (%s); reading from the primary", error)
            self.mark_down()
            with contextlib.suppress(DatabaseError):
                connection.close()
            return False
        return True


replica_health = ReplicaHealth()


class PrimaryReplicaRouter:
    """DATABASE_ROUTERS entry: see the module's docstring."""

    def db_for_read(self, model, **hints):
        state = replica_request.get()
        if state is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        if state.get("replica_answers") is None:
            state["replica_answers"] = replica_health.check()
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
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or pin_cookie() in cookies:
        return False
    return not request.path_info.startswith(reverse("wagtailadmin_home"))


class ReplicaReadsMiddleware:
    """Marks the requests whose reads may go to the replica, and pins to the primary the
    reader who sent anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not has_replica():
            return self.get_response(request)
        state = {} if may_read_replica(request) else None
        token = replica_request.set(state)
        try:
            response = self.get_response(request)
        finally:
            replica_request.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                pin_cookie(),
                "1",
                max_age=pin_seconds(),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
