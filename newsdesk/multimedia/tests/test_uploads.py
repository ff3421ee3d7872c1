"""Uploads that are not photos, are damaged, or are photos built to exhaust the server are
refused with a form error on every upload path, and nothing is saved."""

import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

DAMAGED = "file is incomplete or damaged"


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def jpeg_bytes(size=(640, 360)):
    """A photo-like JPEG: noise, so that most of the file is image data."""
    picture = PILImage.frombytes("RGB", size, random.Random(7).randbytes(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def png_bytes(size, mode="1"):
    """A PNG of `size` in a few KB: its header is all the pixel limit looks at."""
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, name, content):
    data = {"title": "Upload", "file": SimpleUploadedFile(name, content), "collection": 1}
    return client.post(reverse("wagtailimages:add"), data)


def upload_multiple(client, name, content):
    data = {"files[]": SimpleUploadedFile(name, content), "collection": 1}
    return client.post(reverse("wagtailimages:add_multiple"), data)


def upload_in_chooser(client, name, content):
    data = {
        "image-chooser-upload-title": "Upload",
        "image-chooser-upload-file": SimpleUploadedFile(name, content),
    }
    return client.post(reverse("wagtailimages_chooser:create"), data)


def refusal(response):
    """The form error the upload path shows, as text."""
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        payload = response.json()
        return payload.get("error_message") or payload.get("htmlFragment", "")
    return response.content.decode()


UPLOAD_PATHS = [upload, upload_multiple, upload_in_chooser]


def test_a_file_that_is_not_an_image_is_refused(editor_client):
    response = upload(editor_client, "photo.jpg", b"%PDF-1.4 not an image at all")
    assert "Upload a valid image." in refusal(response)
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("path", UPLOAD_PATHS)
def test_a_truncated_jpeg_is_refused_with_a_form_error(editor_client, path):
    whole = jpeg_bytes()
    response = path(editor_client, "cut-short.jpg", whole[: len(whole) // 2])
    assert DAMAGED in refusal(response)
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("path", UPLOAD_PATHS)
def test_a_photo_over_the_pixel_limit_is_refused_saying_by_how_much(editor_client, path):
    response = path(editor_client, "huge.png", png_bytes((10000, 6000)))
    assert (
        "This photo is 60.0 megapixels; the limit is 50 megapixels: "
        "resize it to 9128 by 5477 pixels or less and upload it again."
    ) in refusal(response)
    assert not get_image_model().objects.exists()


def test_a_decompression_bomb_is_refused(editor_client):
    response = upload(editor_client, "bomb.png", png_bytes((12000, 12000)))  # 144 MP in KBs
    assert "This photo is 144.0 megapixels" in refusal(response)
    assert not get_image_model().objects.exists()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=2_000_000)
def test_the_limit_follows_the_setting(editor_client):
    assert "the limit is 2 megapixels" in refusal(
        upload(editor_client, "a.png", png_bytes((2000, 1001)))
    )
    assert upload(editor_client, "b.png", png_bytes((2000, 1000))).status_code == 302


@pytest.mark.parametrize("path", UPLOAD_PATHS)
def test_a_whole_photo_is_stored_on_every_path(editor_client, path):
    response = path(editor_client, "harbour.jpg", jpeg_bytes())
    assert response.status_code in (200, 302)
    image = get_image_model().objects.get()
    assert (image.width, image.height) == (640, 360)
    image.get_rendition("width-320")  # and its renditions can be made


def test_a_real_photo_is_stored_with_its_credit(editor_client):
    data = {
        "title": "Harbour",
        "file": SimpleUploadedFile("harbour.jpg", jpeg_bytes((320, 180))),
        "collection": 1,
        "credit": "Photo: Twitter/ @harbourwatch",
        "default_caption": "The harbour at dusk.",
    }
    response = editor_client.post(reverse("wagtailimages:add"), data)
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert (image.credit, image.default_caption) == (data["credit"], data["default_caption"])
