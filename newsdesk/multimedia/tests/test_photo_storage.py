"""Photos on S3 as the production profile stores them (CheckedPhotosS3Storage), against
moto's S3 server: pages name the checked /media/ view, never the bucket, and the view
redirects readers to a signed URL only for photos readers may see."""

import io
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import boto3.session
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


def test_the_worker_makes_every_rendition_in_the_bucket_and_pages_name_them(
    client, us_section, checked_s3, queue, django_capture_on_commit_callbacks
):
    from newsdesk.caching.tests.test_media_storage import bucket_keys
    from newsdesk.multimedia.renditions.registry import specs_for

    photo = PhotoFactory(file__width=1600, file__height=900)
    story = ArticleFactory(parent=us_section, lead_image=photo)
    with django_capture_on_commit_callbacks(execute=True):
        before = client.get(story.url).content.decode()
    assert photo.renditions.count() == 0
    assert f'src="{photo.file.url}"' in before  # the original, through the checked view

    queue.run()

    renditions = list(photo.renditions.all())
    assert len(renditions) == len(specs_for(photo))
    assert {r.file.name for r in renditions} <= bucket_keys(checked_s3)
    after = client.get(story.url).content.decode()
    lead = next(r for r in renditions if r.filter_spec == "format-webp|fill-1600x900")
    assert f"{lead.url} 1600w" in after and lead.url.startswith("/media/images/")
    assert photo.renditions.count() == len(renditions)  # the second view made none either


def test_signing_photo_urls_in_many_threads_builds_one_s3_client(
    client, us_section, checked_s3, monkeypatch
):
    """Under ASGI every request runs in a thread of its own, and a boto3 client costs
    80-250 ms to build: a page's photos, asked for at once, must not each pay it."""
    photo = PhotoFactory()
    ArticleFactory(parent=us_section, lead_image=photo).save_revision().publish()
    response = client.get(photo.get_rendition("fill-160x90").url)
    assert response.status_code == 302
    names = [photo.get_rendition(spec).file.name for spec in ("fill-320x180", "fill-80x45")]
    built = []
    make_client = boto3.session.Session.client

    def counting_client(self, *args, **kwargs):
        built.append(args)
        return make_client(self, *args, **kwargs)

    monkeypatch.setattr(boto3.session.Session, "client", counting_client)
    storage = photo.file.storage
    with ThreadPoolExecutor(max_workers=4) as threads:
        urls = list(threads.map(storage.signed_url, names * 4))
    assert built == [], "a new S3 client was built for a later photo"
    for name, url in zip(names * 4, urls, strict=True):
        with urllib.request.urlopen(url) as served:
            assert served.status == 200, name
