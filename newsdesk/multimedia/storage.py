"""Photos on S3 behind the checked /media/ view (views.py).

Originals and renditions live in the bucket without public access; the URL Wagtail
gives for them is the site's own /media/<name>, whose view checks that readers may see
the photo and redirects to a short-lived signed URL. Audio and other files keep their
public bucket URLs.
"""

from django.conf import settings
from storages.backends.s3 import S3Storage

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
        signer = S3Storage(custom_domain=None, querystring_auth=True)
        return signer.url(name, expire=multimedia_settings.SIGNED_URL_SECONDS)
