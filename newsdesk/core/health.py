"""/healthz/: a registry of checks. Each app registers its own in its AppConfig.ready(),
so this module (and the view) knows no feature. The database check is built in: every
other check needs the database.

A check is a callable returning a Health. One that raises counts as failed, with the
exception's class as the reason (an outage must answer 503, never 500).
"""

from dataclasses import dataclass

from django.db import connection


@dataclass(frozen=True)
class Health:
    ok: bool
    detail: str = ""


_checks = {}


def register(name, check):
    _checks[name] = check


def registered():
    return list(_checks)


def run_checks(names=None):
    """{name: Health} for the named checks (all when names is None)."""
    return {name: run_check(_checks[name]) for name in names or _checks}


def run_check(check):
    try:
        return check()
    except Exception as error:
        return Health(False, f"the check failed: {type(error).__name__}")


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return Health(True)


register("database", check_database)
