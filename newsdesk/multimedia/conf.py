"""The multimedia app's defaults, each overridable in settings as NEWSDESK_MULTIMEDIA_<NAME>."""

from newsdesk.core.conf import AppSettings

DEFAULTS = {
    # How long browsers and Varnish keep a photo's file (or the redirect to it): a photo
    # taken down with its story stops being served at most this many seconds later.
    "MEDIA_MAX_AGE": 300,
    # How long the signed storage URL a reader is redirected to stays valid (S3).
    "SIGNED_URL_SECONDS": 3600,
    # A reader's page that finds a rendition missing queues its making at most this often
    # per photo (per cache), however many readers come before the worker has made it.
    "RENDITIONS_REQUEST_AGAIN_SECONDS": 60,
    # The worker tries again after these many seconds when the storage fails in passing
    # (a dropped connection, S3's 503 SlowDown), then gives the task up as failed.
    "RENDITION_RETRY_DELAYS": [1, 5, 15],
}

multimedia_settings = AppSettings("NEWSDESK_MULTIMEDIA_", DEFAULTS)
