"""Production: PostgreSQL (DATABASE_URL), Redis (REDIS_URL), Varnish in front
(VARNISH_URL), media on S3-compatible storage (AWS_STORAGE_BUCKET_NAME), static files
with hashed names served with far-future headers, and the security headers.

docs/production.md says how the pieces fit; `make prod` starts them all on one machine.
"""

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, MIDDLEWARE, env, env_bool, env_list, require_secret_key

DEBUG = False
require_secret_key()

# Media on S3 (or any S3-compatible store: MinIO, Ceph, moto's server) when a bucket is
# named; static files from the app, hashed and compressed, cached "forever" by browsers
# and Varnish (WhiteNoise sends a year's max-age and immutable for hashed names).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if AWS_STORAGE_BUCKET_NAME:
    # Photos private in the bucket, served through the checked /media/ view (multimedia).
    MEDIA_STORAGE = {"BACKEND": "newsdesk.multimedia.storage.CheckedPhotosS3Storage"}
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")  # unset: Amazon S3 itself
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_S3_ADDRESSING_STYLE = env("AWS_S3_ADDRESSING_STYLE")  # "path" for most S3-alikes
    # Where readers fetch audio from: a CDN or the bucket's public host. The bucket's
    # policy must keep original_images/ and images/ private and allow no listing.
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")
    AWS_S3_URL_PROTOCOL = env("AWS_S3_URL_PROTOCOL", "https:")
    # Pages name files without signatures (a signed URL would make every page differ
    # and defeat the page cache); the photo view signs its redirects itself.
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None  # the bucket's policy decides, not a per-object ACL
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600  # unhashed names (favicon...); hashed ones get a year

# Varnish in front: the app purges it through Wagtail's front-end cache on publish.
VARNISH_URL = env("VARNISH_URL")  # e.g. http://127.0.0.1:6081, where PURGE is sent
if VARNISH_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "newsdesk.caching.backends.VarnishBackend",
            "LOCATION": VARNISH_URL,
        }
    }

# Security headers. The Content Security Policy allows scripts and styles from the site
# only (inline style attributes stay allowed: some components set a background), images
# and media from the site and the media host, and embedded players (YouTube...) in
# frames. The admin is left out: Wagtail's editor still needs inline scripts.
MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")  # e.g. https://media.example.org
INSTALLED_APPS = [*INSTALLED_APPS, "csp"]
MIDDLEWARE = [*MIDDLEWARE, "csp.middleware.CSPMiddleware"]
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "media-src": ["'self'", "blob:", *MEDIA_ORIGINS],
        "connect-src": ["'self'"],
        "frame-src": ["https:"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview sets SAMEORIGIN on its own views
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Under ASGI every request runs its sync view in a thread of its own, so persistent
# per-thread connections pile up until PostgreSQL refuses more: a pool per worker instead.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 2,
        "max_size": int(env("DATABASE_POOL_SIZE", "8")),
        "timeout": 2,  # then the reader gets the 503 page rather than waiting
    }

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# nginx, then Varnish, each append to X-Forwarded-For (deploy/): the reader is the second
# entry from the right. `make prod` has Varnish only and sets 1. A wrong count either
# lets readers forge their address or gives every reader the proxy's.
NEWSDESK_TRUSTED_PROXY_COUNT = int(env("NEWSDESK_TRUSTED_PROXY_COUNT", "2"))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# Site search on PostgreSQL's full-text search: Wagtail's database backend chooses it by
# itself on PostgreSQL (newsdesk/search/tests/test_backend.py checks that it does).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": env("SEARCH_CONFIG", "english"),
    }
}
