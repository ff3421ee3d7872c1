"""Media on S3-compatible storage, as in production: tested against moto's S3 server,
started on a loopback port for this module."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from conftest import skip_or_fail
from deploy.localprod import BIN, BUCKET, S3_CREDENTIALS, Processes, free_port, start_moto

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    try:
        import boto3  # noqa: F401
        import moto  # noqa: F401
    except ImportError:
        skip_or_fail("moto or boto3 is not installed: pip install -e '.[test]'")
    if not (BIN / "moto_server").exists():
        skip_or_fail("moto_server not found: pip install 'moto[server]'")
    processes = Processes(tmp_path_factory.mktemp("moto"))
    port = free_port()
    try:
        start_moto(processes, port)
        yield f"http://127.0.0.1:{port}"
    finally:
        processes.stop_all()


def s3_media_settings(s3_server, backend):
    """The settings that put media on the moto server through a django-storages backend."""
    storages = {
        "default": {"BACKEND": backend},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return override_settings(
        STORAGES=storages,
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=s3_server,
        AWS_S3_REGION_NAME=S3_CREDENTIALS["region_name"],
        AWS_ACCESS_KEY_ID=S3_CREDENTIALS["aws_access_key_id"],
        AWS_SECRET_ACCESS_KEY=S3_CREDENTIALS["aws_secret_access_key"],
        AWS_S3_ADDRESSING_STYLE="path",
        AWS_S3_CUSTOM_DOMAIN=f"{s3_server.removeprefix('http://')}/{BUCKET}",
        AWS_S3_URL_PROTOCOL="http:",
        AWS_QUERYSTRING_AUTH=False,
        AWS_DEFAULT_ACL=None,
    )


@pytest.fixture
def s3_media(s3_server):
    with s3_media_settings(s3_server, "storages.backends.s3.S3Storage"):
        yield s3_server


def bucket_keys(s3_server):
    import boto3

    s3 = boto3.client("s3", endpoint_url=s3_server, **S3_CREDENTIALS)
    return {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_an_uploaded_photo_and_its_rendition_live_in_the_bucket(
    client, django_user_model, s3_media
):
    import urllib.request

    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.com", "pw"))
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), "teal").save(buffer, "JPEG")
    data = {"title": "Harbour", "file": SimpleUploadedFile("harbour.jpg", buffer.getvalue())}
    response = client.post(reverse("wagtailimages:add"), {**data, "collection": 1})
    assert response.status_code == 302

    image = get_image_model().objects.get()
    rendition = image.get_rendition("fill-160x90")

    keys = bucket_keys(s3_media)
    assert image.file.name in keys
    assert rendition.file.name in keys
    assert rendition.url == f"{s3_media}/{BUCKET}/{rendition.file.name}"
    with urllib.request.urlopen(rendition.url) as served:  # the bucket serves it to readers
        assert PILImage.open(io.BytesIO(served.read())).size == (160, 90)
