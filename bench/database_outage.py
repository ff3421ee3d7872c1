"""Stale pages during a database outage, with and without the circuit breaker
(newsdesk/caching/outage.py): the time each of ten readers waits for a stale story.

Run with `.venv/bin/python bench/database_outage.py`; never part of the test suite
(newsdesk/caching/tests/test_outage.py has the behaviour). A real outage, locally: a
throwaway SQLite database (journal mode DELETE) held under an exclusive lock by another
connection, so every attempt to read waits out a 2 s busy timeout and fails with
OperationalError, as a connection to a hung server waits out its connect timeout.
"""

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ATTEMPT_SECONDS = 2
READERS = 10


def main():
    folder = tempfile.mkdtemp()
    path = Path(folder) / "db.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings.test"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from newsdesk.caching.outage import breaker
    from newsdesk.caching.store import page_store
    from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

    call_command("migrate", verbosity=0)
    story = ArticleFactory(parent=SectionFactory(title="News", slug="news"), title="Sea wall")
    url = story.url
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=DELETE")
    connection.settings_dict["OPTIONS"] = {"timeout": ATTEMPT_SECONDS}
    connection.close()

    with override_settings(NEWSDESK_CACHE_ENABLED=True, DEBUG=False):
        assert Client().get(url)["X-Cache"] == "MISS"
        locker = sqlite3.connect(path)
        locker.execute("BEGIN EXCLUSIVE")  # the outage
        print(
            f"{READERS} readers of a stale story, the database unreachable "
            f"({ATTEMPT_SECONDS} s per attempt):"
        )
        for label, window in (("no breaker", 0), ("breaker", 10)):
            breaker.close()
            page_store().purge_paths([url])
            with override_settings(NEWSDESK_CACHE_OUTAGE_SECONDS=window):
                seconds = [read(Client(raise_request_exception=False), url) for _ in range(READERS)]
            rest = seconds[1:]
            print(
                f"  {label:>10}: 1st {seconds[0]:.3f} s; 2nd..{READERS}th median "
                f"{statistics.median(rest):.4f} s, max {max(rest):.4f} s"
            )
        locker.rollback()


def read(client, url):
    started = time.perf_counter()
    response = client.get(url)
    assert (response.status_code, response["X-Cache"]) == (200, "STALE"), response.status_code
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
