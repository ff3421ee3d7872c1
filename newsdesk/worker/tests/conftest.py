import pytest
from django.test import override_settings

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_queue():
    """Tasks queued in the database, as `make run` and production have them (the test
    settings run tasks at once)."""
    with override_settings(TASKS=DATABASE_QUEUE):
        yield
