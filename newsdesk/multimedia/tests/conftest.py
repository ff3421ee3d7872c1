import pytest
from django.core.cache import cache
from django.test import override_settings
from django_tasks import task_backends

DUMMY_QUEUE = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class Queue:
    """The tasks queued while a test runs (a dummy backend: nothing runs by itself), and
    `run()`, a worker that runs them, and those they queue, until none is left."""

    def __init__(self, backend):
        self.backend = backend
        self.done = []

    @property
    def waiting(self):
        return [result for result in self.backend.results if result not in self.done]

    def names(self):
        return [result.task.name for result in self.waiting]

    def run(self):
        while self.waiting:
            result = self.waiting[0]
            self.done.append(result)
            result.task.call(*result.args, **result.kwargs)


@pytest.fixture
def queue():
    cache.clear()
    with override_settings(TASKS=DUMMY_QUEUE):
        backend = task_backends["default"]
        backend.clear()
        yield Queue(backend)
