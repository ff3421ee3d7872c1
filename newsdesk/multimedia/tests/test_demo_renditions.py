"""The demo newsroom's photos get their renditions from the worker `make run` starts
beside the site: loading it queues every photo (a new user sees fallbacks only while the
worker catches up)."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from newsdesk.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_loading_the_demo_queues_every_photo_and_every_published_page(
    queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--force", stdout=StringIO())

    photos = set(get_image_model().objects.values_list("pk", flat=True))
    queued = {r.args[0] for r in queue.waiting if r.task.name == "make_photo_renditions"}
    assert photos and queued == photos
    assert "make_page_photo_renditions" in queue.names()


def test_the_demo_is_searchable_and_indexed_as_loaded_with_no_task_for_it(
    queue, django_capture_on_commit_callbacks
):
    """Search and the reference index are built by the load itself: the worker gets only
    the photos' renditions and the purges, never a task per save (some of them for
    bylines later saves replace, which fail)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--force", stdout=StringIO())

    assert not {"insert_or_update_object_task", "update_reference_index_task"} & set(queue.names())
    story = ArticlePage.objects.live().exclude(lead_image=None).first()
    word = max(story.title.split(), key=len)
    assert story in ArticlePage.objects.live().search(word)
    assert ReferenceIndex.get_references_to(story.lead_image).exists()
