"""Photos on S3 as the production profile stores them (CheckedPhotosS3Storage), against
moto's S3 server: pages name the checked /media/ view, never the bucket, and the view
redirects readers to a signed URL only for photos readers may see."""

import io
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from PIL import Image as PILImage

from deploy.localprod import BUCKET, S3_CREDENTIALS
from newsdesk.caching.tests.test_media_storage import s3_server  # noqa: F401 (a fixture)
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked_s3(s3_server):  # noqa: F811
    storages = {
        "default": {"BACKEND": "newsdesk.multimedia.storage.CheckedPhotosS3Storage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(
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
    ):
        yield s3_server


def test_a_shown_photo_is_named_by_the_site_and_redirected_to_a_signed_url(
    client, us_section, checked_s3
):
    photo = PhotoFactory()
    ArticleFactory(parent=us_section, lead_image=photo).save_revision().publish()
    rendition = photo.get_rendition("fill-160x90")
    for url in (photo.file.url, rendition.url):
        assert url.startswith("/media/"), url
        response = client.get(url)
        assert response.status_code == 302
        target = response["Location"]
        assert urlsplit(target).netloc == urlsplit(checked_s3).netloc
        assert "Signature=" in target or "X-Amz-Signature=" in target
        with urllib.request.urlopen(target) as served:
            assert PILImage.open(io.BytesIO(served.read())).size in {(640, 360), (160, 90)}


def test_a_photo_readers_cannot_see_gives_no_url_of_the_bucket(client, us_section, checked_s3):
    photo = PhotoFactory()
    ArticleFactory(parent=us_section, lead_image=photo, live=False)
    rendition = photo.get_rendition("fill-160x90")
    for url in (photo.file.url, rendition.url):
        response = client.get(url)
        assert response.status_code == 404
        assert "Location" not in response
