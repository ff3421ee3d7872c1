"""The multimedia app's defaults, each overridable in settings as NEWSDESK_MULTIMEDIA_<NAME>."""

from newsdesk.core.conf import AppSettings

DEFAULTS = {
    # How long browsers and Varnish keep a photo's file (or the redirect to it): a photo
    # taken down with its story stops being served at most this many seconds later.
    "MEDIA_MAX_AGE": 300,
    # How long the signed storage URL a reader is redirected to stays valid (S3).
    "SIGNED_URL_SECONDS": 3600,
}

multimedia_settings = AppSettings("NEWSDESK_MULTIMEDIA_", DEFAULTS)
