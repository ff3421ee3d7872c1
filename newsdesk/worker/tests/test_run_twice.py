"""Every task runs at least once: a worker killed mid-task has it run again from the
start (reaper.py). So each task in the project, ours and Wagtail's, must leave the same
result when it runs twice; each has a test here, and a new task without one fails
test_every_task_has_a_run_twice_test."""

import importlib
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django_tasks.base import Task
from wagtail.models import ReferenceIndex

from newsdesk.caching.tasks import (
    purge_everything_from_frontend_caches,
    purge_tags_from_frontend_caches,
)
from newsdesk.comments.models import Comment
from newsdesk.comments.tasks import send_reply_notification
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.live.models import LiveBlogPage
from newsdesk.live.tasks import reindex_live_blog
from newsdesk.live.tests.factories import LiveBlogFactory, LiveEntryFactory, paragraph
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TESTED = {}


def runs_twice(task_path):
    def register(test):
        TESTED[task_path] = test
        return test

    return register


def project_tasks():
    """The module path of every task in an installed app's tasks module."""
    found = set()
    for app in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app.name}.tasks")
        except ModuleNotFoundError as error:
            if error.name != f"{app.name}.tasks":
                raise
            continue
        found |= {value.module_path for value in vars(module).values() if isinstance(value, Task)}
    return found


def test_every_task_has_a_run_twice_test():
    tasks = project_tasks()
    assert "newsdesk.comments.tasks.send_reply_notification" in tasks  # the finder finds
    assert tasks - set(TESTED) == set()


# --- ours ---------------------------------------------------------------------------


@pytest.fixture
def asked_and_replied():
    asked = CommentFactory(author_email="mara@example.org", notify_on_reply=True)
    return CommentFactory(parent=asked, author_email="dev@example.org")


@runs_twice("newsdesk.comments.tasks.send_reply_notification")
def test_a_reply_notification_is_emailed_once(asked_and_replied):
    first = send_reply_notification.enqueue(asked_and_replied.pk)
    second = send_reply_notification.enqueue(asked_and_replied.pk)

    assert (first.return_value, second.return_value) == (True, False)
    assert [message.to for message in mail.outbox] == [["mara@example.org"]]


def test_a_reply_notification_whose_send_failed_is_sent_by_the_second_run(asked_and_replied):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    smtp_down = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_TIMEOUT": 2,
    }
    with override_settings(**smtp_down):
        failed = send_reply_notification.enqueue(asked_and_replied.pk)
    assert failed.status == "FAILED"
    # The claim went with the failed send: nothing says "sent" that was not.
    assert Comment.objects.get(pk=asked_and_replied.pk).reply_notice_sent_at is None

    assert send_reply_notification.enqueue(asked_and_replied.pk).return_value is True
    assert send_reply_notification.enqueue(asked_and_replied.pk).return_value is False
    assert len(mail.outbox) == 1


@runs_twice("newsdesk.live.tasks.reindex_live_blog")
def test_a_live_blog_reindexed_twice_is_found_once():
    blog = LiveBlogFactory()
    LiveEntryFactory(blog=blog, body=paragraph("<p>Ferries suspended at Kestrel Point.</p>"))

    reindex_live_blog.enqueue(blog.pk)
    reindex_live_blog.enqueue(blog.pk)

    assert list(LiveBlogPage.objects.live().search("Kestrel")) == [blog]


@runs_twice("newsdesk.multimedia.tasks.make_photo_renditions")
def test_a_photo_made_twice_has_one_rendition_of_each_spec():
    from newsdesk.multimedia.tasks import make_photo_renditions

    photo = PhotoFactory()
    first = make_photo_renditions.enqueue(photo.pk)
    second = make_photo_renditions.enqueue(photo.pk)

    made = first.return_value["made"]
    assert made > 0 and second.return_value == {
        **first.return_value,
        "made": 0,
        "already_made": made,
    }
    specs = list(photo.renditions.values_list("filter_spec", flat=True))
    assert len(specs) == len(set(specs)) == made


@runs_twice("newsdesk.multimedia.tasks.make_page_photo_renditions")
def test_a_page_whose_photos_are_queued_twice_has_them_made_once():
    from newsdesk.multimedia.tasks import make_page_photo_renditions

    article = ArticleFactory()
    results = [make_page_photo_renditions.enqueue(article.pk) for _ in range(2)]

    assert [result.return_value for result in results] == [[article.lead_image_id]] * 2
    specs = list(article.lead_image.renditions.values_list("filter_spec", flat=True))
    assert specs and len(specs) == len(set(specs))


class CacheServer(BaseHTTPRequestHandler):
    """A front-end cache on loopback that records the purges and bans it receives."""

    received = []

    def do_PURGE(self):
        self.answer()

    def do_BAN(self):
        self.answer()

    def answer(self):
        self.received.append((self.command, self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cache_server():
    CacheServer.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), CacheServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    location = f"http://127.0.0.1:{server.server_address[1]}"
    backend = {"BACKEND": "newsdesk.caching.backends.VarnishBackend", "LOCATION": location}
    with override_settings(WAGTAILFRONTENDCACHE={"varnish": backend}):
        yield CacheServer.received
    server.shutdown()
    server.server_close()


@runs_twice("newsdesk.caching.tasks.purge_everything_from_frontend_caches")
def test_banning_everything_twice_bans_twice_and_fails_neither(cache_server):
    first = purge_everything_from_frontend_caches.enqueue()
    second = purge_everything_from_frontend_caches.enqueue()

    assert (first.status, second.status) == ("SUCCESSFUL", "SUCCESSFUL")
    assert [method for method, _host, _path in cache_server] == ["BAN", "BAN"]


@runs_twice("newsdesk.caching.tasks.purge_tags_from_frontend_caches")
def test_soft_purging_tags_twice_purges_twice_and_fails_neither(cache_server):
    first = purge_tags_from_frontend_caches.enqueue(["page-3", "page-all"])
    second = purge_tags_from_frontend_caches.enqueue(["page-3", "page-all"])

    assert (first.status, second.status) == ("SUCCESSFUL", "SUCCESSFUL")
    assert [method for method, _host, _path in cache_server] == ["PURGE", "PURGE"]


# --- Wagtail's (enqueued by its signal handlers) ---------------------------------------


@runs_twice("wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task")
def test_purging_urls_twice_purges_them_twice_and_fails_neither(cache_server):
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    urls = ["http://news.example.org/news/sea-wall/"]
    results = [purge_urls_from_cache_task.enqueue(urls) for _ in range(2)]

    assert [result.status for result in results] == ["SUCCESSFUL", "SUCCESSFUL"]
    assert cache_server == [("PURGE", "news.example.org", "/news/sea-wall/")] * 2


@runs_twice("wagtail.tasks.update_reference_index_task")
def test_the_reference_index_updated_twice_holds_each_reference_once():
    from wagtail.tasks import update_reference_index_task

    article = ArticleFactory()
    update_reference_index_task.enqueue("news", "articlepage", article.pk)
    references = list(ReferenceIndex.get_references_for_object(article).values_list("to_object_id"))
    update_reference_index_task.enqueue("news", "articlepage", article.pk)

    again = list(ReferenceIndex.get_references_for_object(article).values_list("to_object_id"))
    assert again == references
    assert (str(article.lead_image_id),) in again


@runs_twice("wagtail.tasks.delete_file_from_storage_task")
def test_deleting_a_file_twice_deletes_it_and_the_second_run_does_not_fail():
    from wagtail.tasks import delete_file_from_storage_task

    photo = PhotoFactory()
    storage, name = photo.file.storage, photo.file.name
    assert storage.exists(name)

    results = [delete_file_from_storage_task.enqueue(storage.deconstruct(), name) for _ in range(2)]

    assert [result.status for result in results] == ["SUCCESSFUL", "SUCCESSFUL"]
    assert not storage.exists(name)


@runs_twice("wagtail.images.tasks.set_image_focal_point_task")
def test_no_focal_point_task_is_queued_while_feature_detection_is_off():
    """The task (face detection through OpenCV, which the project does not install) runs
    only with WAGTAILIMAGES_FEATURE_DETECTION_ENABLED; turning that on means giving it a
    run-twice test with OpenCV installed."""
    from django_tasks.signals import task_enqueued

    queued = []

    def record(sender, task_result, **kwargs):
        queued.append(task_result.task.module_path)

    task_enqueued.connect(record)
    try:
        photo = PhotoFactory()
        photo.title = "Renamed"
        photo.save()
    finally:
        task_enqueued.disconnect(record)

    assert not getattr(settings, "WAGTAILIMAGES_FEATURE_DETECTION_ENABLED", False)
    assert "wagtail.images.tasks.set_image_focal_point_task" not in queued


@runs_twice("modelsearch.tasks.insert_or_update_object_task")
def test_a_story_indexed_twice_is_found_once():
    from modelsearch.tasks import insert_or_update_object_task

    article = ArticleFactory(title="Kestrel Point lighthouse reopens")
    for _ in range(2):
        insert_or_update_object_task.enqueue("news", "articlepage", article.pk)

    assert list(ArticlePage.objects.live().search("lighthouse")) == [article]
