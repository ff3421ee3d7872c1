"""The database queue by urgency (newsdesk/worker/routing.py, database.py): a purge queued
behind a backlog of photo renditions is run first, by the real worker."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks.base import DEFAULT_TASK_PRIORITY
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

from newsdesk.caching.tasks import purge_tags_from_frontend_caches
from newsdesk.multimedia.tasks import make_photo_renditions
from newsdesk.worker.checks import check_task_priorities
from newsdesk.worker.routing import priority_for

from .tasks import fail_loudly

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]
PURGE = "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task"
RENDITIONS = "newsdesk.multimedia.tasks.make_photo_renditions"


# The worker closes the database connection as it goes: no test transaction around it.
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_purge_before_the_photos_queued_earlier_then_the_rest():
    for missing_photo in range(900001, 900006):  # a backlog: an upload of five photos
        make_photo_renditions.enqueue(missing_photo)
    fail_loudly.enqueue("an ordinary task, queued after the photos")
    purge_urls_from_cache_task.enqueue(["http://example.org/news/"])

    call_command("run_worker", "--batch", "--no-startup-delay", "--interval", "0")

    ran = DBTaskResult.objects.order_by("started_at").values_list("task_path", flat=True)
    assert ran[0] == PURGE
    assert ran[1] == "newsdesk.worker.tests.tasks.fail_loudly"
    assert list(ran[2:]) == [RENDITIONS] * 5
    # Each was run, none lost to the reordering.
    assert DBTaskResult.objects.filter(finished_at__isnull=True).count() == 0


def test_each_task_goes_in_with_its_queues_priority():
    tag_purge = purge_tags_from_frontend_caches.enqueue(["page-1"])
    photo = make_photo_renditions.enqueue(1)
    other = fail_loudly.enqueue("x")
    priorities = {
        str(id): priority for id, priority in DBTaskResult.objects.values_list("id", "priority")
    }
    assert priorities[tag_purge.id] == 50
    assert priorities[photo.id] == -50
    assert priorities[other.id] == DEFAULT_TASK_PRIORITY


def test_a_task_that_sets_its_own_priority_keeps_it():
    assert priority_for(make_photo_renditions.using(priority=90)) == 90
    result = make_photo_renditions.using(priority=90).enqueue(1)
    assert DBTaskResult.objects.get(id=result.id).priority == 90


@override_settings(NEWSDESK_TASK_PRIORITIES={"purge": 50})
def test_a_queue_without_a_priority_gets_the_default():
    assert priority_for(make_photo_renditions) == DEFAULT_TASK_PRIORITY
    assert priority_for(purge_urls_from_cache_task) == 50


def test_the_project_s_priorities_pass_the_check():
    assert check_task_priorities() == []


@pytest.mark.parametrize("priority", [101, -101, "50", 2.5, None])
def test_a_priority_django_tasks_refuses_fails_the_check(priority):
    with override_settings(NEWSDESK_TASK_PRIORITIES={"purge": 50, "media": priority}):
        errors = check_task_priorities()
    assert [error.id for error in errors] == ["worker.E003"]
    assert "'media'" in errors[0].msg
