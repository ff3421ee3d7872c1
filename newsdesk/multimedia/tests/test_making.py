"""The worker makes every registered rendition of a photo once, tries again when the
storage fails in passing, and reports (never retries) a photo it cannot read."""

import os
from io import StringIO
from pathlib import Path
from unittest import mock

import factory
import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.images.models import Filter

from newsdesk.multimedia.models import CustomRendition
from newsdesk.multimedia.renditions import request_renditions
from newsdesk.multimedia.renditions.making import is_passing, make_renditions
from newsdesk.multimedia.renditions.registry import all_specs, specs_for
from newsdesk.multimedia.tasks import make_photo_renditions
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

NO_WAITING = override_settings(NEWSDESK_MULTIMEDIA_RENDITION_RETRY_DELAYS=[0, 0])


def rendition_files(photo):
    """The rendition files on disk made from this photo's original."""
    folder = Path(photo.file.storage.location) / "images"
    stem = Path(photo.file.name).stem
    return sorted(
        str(path.relative_to(photo.file.storage.location)) for path in folder.glob(f"{stem}.*")
    )


def rows(photo):
    return sorted(photo.renditions.values_list("file", flat=True))


def test_every_set_for_every_photo_and_portraits_only_for_authors():
    photo = PhotoFactory()
    portrait = PhotoFactory()
    AuthorFactory(photo=portrait)

    assert "fill-160x160" not in specs_for(photo)
    assert "fill-160x160" in specs_for(portrait)
    assert "fill-3000x3000|format-jpeg" in all_specs()  # the podcast's artwork, for it alone
    assert "fill-3000x3000|format-jpeg" not in specs_for(portrait)
    outcome = make_renditions(photo)

    assert outcome.made == len(specs_for(photo)) == photo.renditions.count()
    assert outcome.unreadable == ""


def test_making_twice_makes_nothing_the_second_time():
    photo = PhotoFactory(file=factory.django.ImageField(width=800, height=600))
    first = make_renditions(photo)
    files = rendition_files(photo)

    second = make_renditions(photo)

    assert (second.made, second.already_made) == (0, first.made)
    assert rendition_files(photo) == files == rows(photo)


def test_a_new_focal_point_makes_new_crops_and_keeps_the_widths():
    photo = PhotoFactory(file=factory.django.ImageField(width=800, height=600))
    make_renditions(photo)
    photo.focal_point_x, photo.focal_point_y = 100, 100
    photo.focal_point_width = photo.focal_point_height = 50
    photo.save()

    again = make_renditions(photo)

    fills = [spec for spec in specs_for(photo) if "fill-" in spec]
    assert again.made == len(fills)


class FlakyStorage(FileSystemStorage):
    """Fails its first `failures` saves as a dropped connection would."""

    failures = 0

    def _save(self, name, content):
        if FlakyStorage.failures:
            FlakyStorage.failures -= 1
            raise ConnectionResetError("connection reset by peer")
        return super()._save(name, content)


@pytest.fixture
def flaky_storage(settings):
    photo = PhotoFactory()
    storage = FlakyStorage(location=settings.MEDIA_ROOT, base_url=settings.MEDIA_URL)
    field = CustomRendition._meta.get_field("file")
    with mock.patch.object(field, "storage", storage):
        yield photo


@NO_WAITING
def test_a_storage_error_that_passes_is_tried_again(flaky_storage):
    FlakyStorage.failures = 2
    outcome = make_renditions(flaky_storage)

    assert FlakyStorage.failures == 0
    assert outcome.made == len(specs_for(flaky_storage)) == flaky_storage.renditions.count()


@NO_WAITING
def test_a_storage_that_stays_down_fails_the_task_and_leaves_no_stray_file(flaky_storage):
    FlakyStorage.failures = 1000
    result = make_photo_renditions.enqueue(flaky_storage.pk)

    assert result.status == "FAILED"
    assert "ConnectionResetError" in result.errors[0].exception_class_path
    assert FlakyStorage.failures == 1000 - 3  # the first try and two more
    assert flaky_storage.renditions.count() == 0
    assert rendition_files(flaky_storage) == []


def test_only_errors_that_pass_are_tried_again():
    from botocore.exceptions import ClientError, EndpointConnectionError

    def client_error(code, status):
        return ClientError(
            {"Error": {"Code": code}, "ResponseMetadata": {"HTTPStatusCode": status}}, "PutObject"
        )

    assert is_passing(EndpointConnectionError(endpoint_url="http://127.0.0.1:9"))
    assert is_passing(client_error("SlowDown", 503))
    assert is_passing(TimeoutError())
    assert not is_passing(client_error("AccessDenied", 403))
    assert not is_passing(client_error("NoSuchBucket", 404))
    assert not is_passing(ValueError("not a photo"))


def overwrite_original(photo, content):
    with open(photo.file.path, "wb") as original:
        original.write(content)


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xd8\xff\xe0 not the rest of a JPEG", b"%PDF-1.4"],
    ids=["empty", "damaged", "not-a-photo"],
)
def test_a_photo_whose_file_cannot_be_read_is_reported_not_retried(content):
    photo = PhotoFactory()
    overwrite_original(photo, content)

    result = make_photo_renditions.enqueue(photo.pk)

    assert result.status == "SUCCESSFUL"  # a worker that retried would fail the same way
    assert "damaged or not a photo" in result.return_value["unreadable"]
    assert photo.renditions.count() == 0
    assert rendition_files(photo) == []


def test_readers_pages_stop_asking_for_a_photo_that_cannot_be_read(
    queue, django_capture_on_commit_callbacks
):
    photo, damaged = PhotoFactory(), PhotoFactory()
    overwrite_original(damaged, b"")
    make_renditions(damaged)

    with django_capture_on_commit_callbacks(execute=True):
        request_renditions(damaged)
        request_renditions(photo)

    queued = [r.args for r in queue.waiting if r.task.name == "make_photo_renditions"]
    assert queued == [[photo.pk]]


def test_a_photo_over_the_pixel_limit_is_never_decoded():
    photo = PhotoFactory()
    type(photo).objects.filter(pk=photo.pk).update(width=20_000, height=20_000)
    photo.refresh_from_db()

    with mock.patch.object(Filter, "run", side_effect=AssertionError("decoded")):
        outcome = make_renditions(photo)

    assert "20000x20000 pixels, over the limit of 50 megapixels" in outcome.unreadable
    assert photo.renditions.count() == 0


def test_a_photo_whose_original_is_gone_is_reported():
    photo = PhotoFactory()
    os.remove(photo.file.path)

    assert "original file is missing" in make_renditions(photo).unreadable


def test_a_deleted_photo_is_nothing_to_do():
    photo = PhotoFactory()
    photo_id = photo.pk
    photo.delete()

    assert make_photo_renditions.enqueue(photo_id).return_value is None


def test_the_command_makes_what_is_missing_and_reports_unreadable_photos(capsys):
    made, damaged = PhotoFactory(renditions=True), PhotoFactory()
    fresh = PhotoFactory()
    overwrite_original(damaged, b"")

    call_command("make_renditions")

    out, err = capsys.readouterr()
    assert f"3 photos: made {len(specs_for(fresh))} renditions" in out
    assert f"Photo {damaged.pk}" in err and "damaged or not a photo" in err
    assert fresh.renditions.count() == made.renditions.count()


def test_the_command_queues_when_asked(queue):
    photos = PhotoFactory.create_batch(2)

    call_command("make_renditions", "--queue", stdout=StringIO())

    queued = [r.args[0] for r in queue.waiting if r.task.name == "make_photo_renditions"]
    assert sorted(queued) == sorted(p.pk for p in photos)
    assert CustomRendition.objects.count() == 0


def test_the_command_refuses_an_unknown_photo():
    with pytest.raises(CommandError, match="No photo has the id 999"):
        call_command("make_renditions", "999")
