import pytest
from django.test import override_settings

from .processes import manage, site_environment

DATABASE_QUEUE = {
    "default": {
        "BACKEND": "newsdesk.worker.database.PrioritisedDatabaseBackend",
        "QUEUES": ["default"],
    }
}


@pytest.fixture
def database_queue():
    """Tasks queued in the database, as `make run` and production have them (the test
    settings run tasks at once)."""
    with override_settings(TASKS=DATABASE_QUEUE):
        yield


@pytest.fixture(scope="session")
def process_site(tmp_path_factory):
    """A migrated SQLite file and the environment for processes to run on it."""
    database = tmp_path_factory.mktemp("worker-site") / "db.sqlite3"
    env = site_environment(database)
    manage(env, "migrate", "--no-input", "-v", "0")
    return database, env
