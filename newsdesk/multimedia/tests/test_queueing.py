"""What queues the worker: a photo's upload, new file or focal point, and a page's
publication (its photos, its byline's faces, its teasers' photos), after the commit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsdesk.multimedia.models import CustomImage
from newsdesk.multimedia.renditions.registry import specs_for
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.multimedia.tests.test_uploads import jpeg_bytes
from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def queued_photos(queue):
    return sorted(r.args[0] for r in queue.waiting if r.task.name == "make_photo_renditions")


def edit_photo(client, photo, **changes):
    data = {
        "title": photo.title,
        "collection": photo.collection_id,
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        **changes,
    }
    return client.post(reverse("wagtailimages:edit", args=[photo.pk]), data)


def test_an_upload_queues_its_renditions_after_the_commit(
    editor_client, queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        data = {
            "title": "Harbour",
            "file": SimpleUploadedFile("h.jpg", jpeg_bytes()),
            "collection": 1,
        }
        assert editor_client.post(reverse("wagtailimages:add"), data).status_code == 302
        assert queued_photos(queue) == []  # not before the commit: the worker would not find it
    for callback in callbacks:
        callback()
    photo = CustomImage.objects.get()
    assert queued_photos(queue) == [photo.pk]

    queue.run()
    assert photo.renditions.count() == len(specs_for(photo))


def test_a_new_file_queues_again_and_an_edited_title_does_not(
    editor_client, queue, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(renditions=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert edit_photo(editor_client, photo, title="Renamed").status_code == 302
    assert queued_photos(queue) == []

    with django_capture_on_commit_callbacks(execute=True):
        new_file = SimpleUploadedFile("new.jpg", jpeg_bytes((800, 600)))
        assert edit_photo(editor_client, photo, file=new_file).status_code == 302
    assert queued_photos(queue) == [photo.pk]
    assert photo.renditions.count() == 0  # Wagtail dropped the old file's
    queue.run()
    assert photo.renditions.count() == len(specs_for(photo))


def test_a_new_focal_point_queues_new_crops(
    editor_client, queue, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(renditions=True)
    with django_capture_on_commit_callbacks(execute=True):
        focal = {
            "focal_point_x": 100,
            "focal_point_y": 100,
            "focal_point_width": 40,
            "focal_point_height": 40,
        }
        assert edit_photo(editor_client, photo, **focal).status_code == 302
    assert queued_photos(queue) == [photo.pk]


def test_a_damaged_replacement_is_refused_and_nothing_is_lost(
    editor_client, queue, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(renditions=True)
    original, renditions = photo.file.name, set(photo.renditions.values_list("file", flat=True))
    whole = jpeg_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        damaged = SimpleUploadedFile("cut.jpg", whole[: len(whole) // 2])
        response = edit_photo(editor_client, photo, file=damaged)

    assert response.status_code == 200
    assert "file is incomplete or damaged" in response.content.decode()
    photo.refresh_from_db()
    assert photo.file.name == original and photo.file.storage.exists(original)
    # every one kept (the admin's edit page adds its own previews)
    assert renditions <= set(photo.renditions.values_list("file", flat=True))
    assert all(photo.file.storage.exists(name) for name in renditions)
    assert queued_photos(queue) == []


def test_an_empty_file_is_refused(editor_client):
    data = {"title": "Empty", "file": SimpleUploadedFile("empty.jpg", b""), "collection": 1}
    response = editor_client.post(reverse("wagtailimages:add"), data)
    assert response.status_code == 200
    assert "The submitted file is empty." in response.content.decode()
    assert not CustomImage.objects.exists()


def test_publishing_a_story_queues_its_photos_its_faces_and_its_related_teasers(
    us_section, queue, django_capture_on_commit_callbacks
):
    face = PhotoFactory()
    related = ArticleFactory(parent=us_section)
    story = ArticleFactory(parent=us_section, authors=[AuthorFactory(photo=face)])
    story.body = [
        *story.body.raw_data,
        {
            "type": "photo",
            "value": {
                "image": (inline := PhotoFactory()).pk,
                "caption": "",
                "credit": "",
                "size": "wide",
            },
        },
        {"type": "related", "value": {"label": "Related", "story": related.pk}},
    ]
    story.save()
    story.related_links.create(story=related)
    queue.backend.clear()

    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    assert "make_page_photo_renditions" in queue.names()
    assert queued_photos(queue) == []  # the page's task finds them, not the editor's request
    queue.run()

    shown = {story.lead_image_id, inline.pk, face.pk, related.lead_image_id}
    assert set(queued_photos_run(queue)) == shown
    assert face.renditions.filter(filter_spec="fill-64x64|format-webp").exists()


def queued_photos_run(queue):
    return [r.args[0] for r in queue.done if r.task.name == "make_photo_renditions"]


def test_publishing_a_section_queues_its_teasers_photos(
    us_section, queue, django_capture_on_commit_callbacks
):
    stories = ArticleFactory.create_batch(2, parent=us_section)
    queue.backend.clear()

    with django_capture_on_commit_callbacks(execute=True):
        us_section.save_revision().publish()
    queue.run()

    assert set(queued_photos_run(queue)) == {story.lead_image_id for story in stories}
