"""Uploads that are not photos, or are photos built to exhaust the server, are refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def upload(client, name, content):
    data = {"title": "Upload", "file": SimpleUploadedFile(name, content), "collection": 1}
    return client.post(reverse("wagtailimages:add"), data)


@pytest.mark.django_db
def test_a_file_that_is_not_an_image_is_refused(editor_client):
    response = upload(editor_client, "photo.jpg", b"%PDF-1.4 not an image at all")
    assert response.status_code == 200
    assert "Upload a valid image." in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused(editor_client):
    buffer = io.BytesIO()
    PILImage.new("1", (12000, 12000)).save(buffer, "PNG")  # 144 megapixels in a few KB
    response = upload(editor_client, "bomb.png", buffer.getvalue())
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_a_real_photo_is_stored_with_its_credit(editor_client):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), "teal").save(buffer, "JPEG")
    data = {
        "title": "Harbour",
        "file": SimpleUploadedFile("harbour.jpg", buffer.getvalue()),
        "collection": 1,
        "credit": "Photo: Twitter/ @harbourwatch",
        "default_caption": "The harbour at dusk.",
    }
    response = editor_client.post(reverse("wagtailimages:add"), data)
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert (image.credit, image.default_caption) == (data["credit"], data["default_caption"])
