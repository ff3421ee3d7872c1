"""Photos on S3 behind the checked /media/ view (views.py).

Originals and renditions live in the bucket without public access; the URL Wagtail
gives for them is the site's own /media/<name>, whose view checks that readers may see
the photo and redirects to a short-lived signed URL. Audio and other files keep their
public bucket URLs.
"""

from functools import cached_property

from django.conf import settings
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from .conf import multimedia_settings

CHECKED_FOLDERS = ("original_images/", "images/")


def is_checked(name):
    return name.startswith(CHECKED_FOLDERS)


class CheckedPhotosS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        if is_checked(name):
            return f"{settings.MEDIA_URL}{name}"
        return super().url(name, parameters=parameters, expire=expire, http_method=http_method)

    def signed_url(self, name):
        """A URL of the private object itself, valid for SIGNED_URL_SECONDS."""
        return self.signing_client.generate_presigned_url(
            "get_object",
            Params={"Bucket": self.bucket_name, "Key": self._normalize_name(clean_name(name))},
            ExpiresIn=multimedia_settings.SIGNED_URL_SECONDS,
        )

    @cached_property
    def signing_client(self):
        # One boto3 client for the process (clients are thread-safe; the storage keeps one
        # a thread, and under ASGI every request runs in a new thread): building one costs
        # 80-250 ms, paid by each photo of a page before this.
        return self.connection.meta.client
