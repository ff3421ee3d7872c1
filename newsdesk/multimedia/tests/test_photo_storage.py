"""Photos on S3 as the production profile stores them (CheckedPhotosS3Storage), against
moto's S3 server: pages name the checked /media/ view, never the bucket, and the view
redirects readers to a signed URL only for photos readers may see."""

import io
import urllib.request
from urllib.parse import urlsplit

import pytest
from PIL import Image as PILImage

from newsdesk.caching.tests.test_media_storage import (  # noqa: F401 (s3_server: a fixture)
    s3_media_settings,
    s3_server,
)
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked_s3(s3_server):  # noqa: F811
    with s3_media_settings(s3_server, "newsdesk.multimedia.storage.CheckedPhotosS3Storage"):
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
