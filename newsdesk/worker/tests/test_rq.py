"""Tasks on RQ (newsdesk/worker/rq.py), against the machine's Redis: purges on their own
queue, taken before the rest; each queue's retries; jobs that failed for good counted in
/healthz/; a route to a queue nobody serves refused by `manage.py check`."""

import time

import pytest
import redis
from django.core import checks
from django.test import override_settings
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

from conftest import redis_test_url, skip_or_fail
from newsdesk.worker.checks import check_task_routes
from newsdesk.worker.rq import check_tasks, queue_for

from .tasks import fail_loudly, wait_for_file

REDIS_URL = redis_test_url(13)
QUEUES = {
    "purge": {"URL": REDIS_URL, "RETRY": {"max": 5, "interval": [0, 2, 5]}},
    "default": {"URL": REDIS_URL, "RETRY": {"max": 1, "interval": 0}},
}
RQ_SETTINGS = {
    "RQ": {"QUEUE_CLASS": "newsdesk.worker.rq.RetryingQueue"},
    "RQ_QUEUES": QUEUES,
    "TASKS": {"default": {"BACKEND": "newsdesk.worker.rq.RoutedRQBackend", "QUEUES": list(QUEUES)}},
    "NEWSDESK_TASK_QUEUES": {
        "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task": "purge",
    },
}


@pytest.fixture
def rq_queues():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    except redis.ConnectionError as error:
        skip_or_fail(f"Redis not reachable at {REDIS_URL} ({error}): start redis-server")
    import django_rq

    with override_settings(**RQ_SETTINGS):
        yield {name: django_rq.get_queue(name) for name in QUEUES}
    client.flushdb()


def run_worker(queues, max_jobs=None):
    """An RQ worker in this process, taking the queues in the order given, until they are
    empty (or after max_jobs)."""
    from django_tasks_rq import Job
    from rq import SimpleWorker

    worker = SimpleWorker(queues, connection=queues[0].connection, job_class=Job)
    worker.work(burst=True, max_jobs=max_jobs)


def test_purges_go_to_the_purge_queue_and_the_rest_to_default(rq_queues):
    purge = purge_urls_from_cache_task.enqueue(["http://example.org/news/"])
    other = fail_loudly.enqueue("not run")
    assert purge.task.queue_name == "purge"
    assert rq_queues["purge"].job_ids == [purge.id]
    assert rq_queues["default"].job_ids == [other.id]


def test_a_task_that_names_its_queue_keeps_it(rq_queues):
    assert queue_for(fail_loudly.using(queue_name="purge")) == "purge"
    assert queue_for(fail_loudly) == "default"


def test_each_job_gets_its_queues_retries(rq_queues):
    purge = purge_urls_from_cache_task.enqueue(["http://example.org/news/"])
    job = rq_queues["purge"].fetch_job(purge.id)
    assert (job.retries_left, job.retry_intervals) == (5, [0, 2, 5])


def test_a_worker_takes_purges_before_anything_queued_earlier(rq_queues, tmp_path):
    (tmp_path / "release").touch()
    earlier = wait_for_file.enqueue(str(tmp_path))
    purge = purge_urls_from_cache_task.enqueue([])  # no URL: nothing to send
    run_worker([rq_queues["purge"], rq_queues["default"]], max_jobs=1)
    assert rq_queues["purge"].fetch_job(purge.id).get_status() == "finished"
    assert rq_queues["default"].job_ids == [earlier.id]


def test_a_job_that_fails_every_try_is_kept_and_counted(rq_queues, caplog):
    result = fail_loudly.enqueue("the Varnish node is down")
    run_worker([rq_queues["default"]])
    registry = rq_queues["default"].failed_job_registry
    assert registry.get_job_ids() == [result.id]
    tries = [r for r in caplog.records if "exception raised while executing" in r.getMessage()]
    assert len(tries) == 2  # once, and its one retry
    assert rq_queues["default"].fetch_job(result.id).retries_left == 0
    health = check_tasks()
    assert "default: 0 queued, 1 failed" in health.detail


def test_the_tasks_check_fails_while_no_worker_serves_a_queue(rq_queues):
    health = check_tasks()
    assert not health.ok
    assert "no RQ worker for purge, default" in health.detail


def test_a_route_to_a_queue_nobody_serves_fails_the_check(rq_queues, settings):
    assert check_task_routes() == []
    settings.NEWSDESK_TASK_QUEUES = {"newsdesk.caching.tasks.x": "urgent"}
    errors = check_task_routes()
    assert [error.id for error in errors] == ["worker.E002"]
    assert isinstance(errors[0], checks.Error)
    assert "'urgent'" in errors[0].msg


def worker_holding_a_job(queue, tmp_path):
    """A PromptWorker in a process (and session) of its own, running a job that blocks;
    returns its pid once the job has started."""
    import os

    from django_tasks_rq import Job

    from newsdesk.worker.rq import PromptWorker

    pid = os.fork()
    if pid == 0:  # the worker: it never returns to pytest
        os.setsid()
        try:
            PromptWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
        finally:
            os._exit(0)
    deadline = time.monotonic() + 30
    while not (tmp_path / "started").exists():
        assert time.monotonic() < deadline, "the worker never started the job"
        time.sleep(0.05)
    return pid


@pytest.mark.processes
def test_a_job_whose_worker_is_killed_mid_run_is_retried_within_seconds(rq_queues, tmp_path):
    import os
    import signal

    from django_tasks_rq import Job

    from newsdesk.worker.rq import PromptWorker

    queue = rq_queues["purge"]
    held = wait_for_file.using(queue_name="purge").enqueue(str(tmp_path))
    pid = worker_holding_a_job(queue, tmp_path)
    os.killpg(pid, signal.SIGKILL)  # the worker and the work horse it forked
    os.waitpid(pid, 0)
    survivor = PromptWorker([queue], connection=queue.connection, job_class=Job)

    survivor.clean_registries()
    assert queue.job_ids == []  # its heartbeat has not run out yet: still its job
    time.sleep(PromptWorker.ABANDONED_AFTER + 1.5)
    survivor.clean_registries()

    job = queue.fetch_job(held.id)
    assert queue.job_ids == [held.id]  # queued again at once: no scheduler needed
    assert (job.get_status(), job.retries_left) == ("queued", 4)
    (tmp_path / "release").touch()
    run_worker([queue])
    assert job.get_status(refresh=True) == "finished"
    assert (tmp_path / "started").read_text().count("started") == 2


def test_a_dead_workers_cleaning_lock_lasts_seconds_not_a_quarter_hour(rq_queues):
    queue = rq_queues["default"]
    assert queue.acquire_maintenance_lock()
    assert not queue.acquire_maintenance_lock()
    assert 0 < queue.connection.ttl(queue.registry_cleaning_key) <= 10
