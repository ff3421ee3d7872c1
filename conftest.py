"""Fixtures and guards shared by the whole suite (newsdesk/*/tests and tests/).

A missing outside dependency (Debian's Chromium, the PostgreSQL server named by
DATABASE_URL, node_modules/axe-core) skips what needs it with a message saying how to get
it, so `make test` works on a bare machine. Under CI=true the same gap fails the run:
CI must never pass by skipping.

Browser tests drive Chromium through Playwright's sync API. While a Playwright instance
is open, its asyncio loop counts as "running" in the main thread, which breaks any later
test that calls asyncio.run() or async_to_sync(). So browser tests are moved to the end
of the run, and Django's async-safety check is relaxed only while the browser is open.

Database fixtures: each run gets its own PostgreSQL test database, and a snapshot of the
migrated test database lets transactional and module-scoped fixtures put it back.
"""

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent
ARTIFACTS_DIR = ROOT / "test-artifacts"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
# The network is closed here: without these flags Chromium keeps dialling Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").strip().lower() == "true"
SNAPSHOT_ERRORS = {}


def skip_or_fail(reason):
    """Skip locally; under CI=true fail, so CI never goes green by skipping."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


def redis_test_url(database):
    """A Redis database of the loopback server for one suite's test (12 to 15). `make test`
    runs three passes side by side: NEWSDESK_TEST_REDIS_OFFSET (4, 8) keeps them apart."""
    offset = int(os.environ.get("NEWSDESK_TEST_REDIS_OFFSET", "0"))
    return f"redis://127.0.0.1:6379/{database - offset}"


# --- PostgreSQL ----------------------------------------------------------------------


def _redacted(url):
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


def _postgres_error():
    """Why the PostgreSQL server in the settings cannot be reached, or None if it can."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        return None
    import psycopg

    try:
        psycopg.connect(
            dbname=db.get("NAME") or "postgres",
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            connect_timeout=3,
        ).close()
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0]
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # Browser tests last (a stable sort keeps pytest-django's database ordering otherwise).
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)

    error = _postgres_error() if items else None
    if error:
        url = _redacted(os.environ.get("DATABASE_URL", ""))
        reason = f"PostgreSQL not reachable at DATABASE_URL={url} ({error})"
        if IN_CI:
            pytest.exit(f"{reason}; CI=true, so the run fails instead of skipping", returncode=1)
        skip = pytest.mark.skip(reason=f"{reason}: start the server or unset DATABASE_URL")
        for item in items:
            item.add_marker(skip)


# --- Database ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """One PostgreSQL test database per run (test_<name>_<pid>).

    Runs started at the same time against one server (several developers on one machine)
    would otherwise create and drop the same test_<name> under each other.
    """
    from django.conf import settings

    for db in settings.DATABASES.values():
        if "postgresql" in db["ENGINE"]:
            test = db.setdefault("TEST", {})
            test["NAME"] = f"{test.get('NAME') or 'test_' + db['NAME']}_{os.getpid()}"


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """pytest-django's test databases, plus a snapshot of what the migrations put in them
    (the root page, the front page, the default Site).

    A transactional test empties the database when it ends; the snapshot is what
    `serialized_rollback=True` and `restore_migrated_data` bring back. Only databases that
    pytest-django created for this session are touched: a session without a django_db test
    has none, and its connections point at the developer's own database.
    """
    from django.db import DatabaseError, connections
    from pytest_django.fixtures import _get_databases_for_setup

    test_aliases, _ = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        for alias in test_aliases:
            connection = connections[alias]
            snapshot = getattr(connection, "_test_serialized_contents", None)
            if snapshot is None:
                try:
                    snapshot = connection.creation.serialize_db_to_string()
                except DatabaseError as error:
                    # Most likely a model without its migration: only the tests that need
                    # the snapshot fail, saying why.
                    SNAPSHOT_ERRORS[connection.alias] = str(error)
                    continue
            connection._test_serialized_contents = content_types_first(snapshot)


def content_types_first(snapshot):
    """The snapshot with content types leading.

    A Wagtail page built without one (as the deserializer builds a page subclass) looks
    its content type up and creates it if missing, which then collides with the row the
    snapshot restores later on.
    """
    objects = json.loads(snapshot)
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
    return json.dumps(objects)


@pytest.fixture(scope="session")
def restore_migrated_data(django_db_setup):
    """A function that empties the test databases and puts back what the migrations made.

    For fixtures that commit data for more than one test (with django_db_blocker); call it
    before and after."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections

    def restore():
        for connection in connections.all():
            snapshot = getattr(connection, "_test_serialized_contents", None)
            if snapshot is None:
                if connection.alias in SNAPSHOT_ERRORS:
                    error = SNAPSHOT_ERRORS[connection.alias]
                    pytest.fail(f"No snapshot of the {connection.alias} test database: {error}")
                if connection.alias == DEFAULT_DB_ALIAS:
                    pytest.fail("No test database was created: mark the tests with django_db")
                continue  # not a test database in this session: never flush it
            call_command(
                "flush",
                database=connection.alias,
                interactive=False,
                inhibit_post_migrate=True,
                # As Django's own test cases do: restarted sequences would hand out the
                # primary keys of the restored rows again (PostgreSQL).
                reset_sequences=False,
                verbosity=0,
            )
            ContentType.objects.clear_cache()  # ids from before the flush may not return
            connection.creation.deserialize_db_from_string(snapshot)

    return restore


# --- Browser -------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Lets the page fixture know whether its test failed, to keep a screenshot.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, shared by every browser test of the session."""
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright is not installed: pip install -e '.[test]'")

    from django.db import connections

    # Playwright's loop "runs" in the main thread; the test's own ORM calls are still sync.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # With a loop running, Django keeps connections per async context instead of per
    # thread and would open new ones, which lack the test database's serialized contents
    # (serialized_rollback then restores nothing). Keep the connections the suite has.
    originals = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            for alias, connection in originals.items():
                connections[alias] = connection
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(request, browser):
    """A fresh browser context and page per test, 1280x800; a failing test leaves a
    screenshot in test-artifacts/."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="en-GB", timezone_id="UTC"
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    report = getattr(request.node, "report_call", None)
    safe_name = re.sub(r"[^\w.-]+", "_", request.node.name)
    failure_shot = ARTIFACTS_DIR / f"FAILED-{safe_name}.png"
    if report is not None and report.failed:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        tab.screenshot(path=failure_shot, full_page=True)
    else:
        failure_shot.unlink(missing_ok=True)
    context.close()


@pytest.fixture
def axe_source():
    """The text of axe-core's axe.min.js, installed by `npm ci`."""
    if not AXE_JS.exists():
        skip_or_fail(f"axe-core not found at {AXE_JS.relative_to(ROOT)}: run `npm ci`")
    return AXE_JS.read_text(encoding="utf-8")
