import tempfile

from .base import *  # noqa: F403
from .base import DATABASES

SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    # Wagtail keys cached renditions by image id and file hash; factory photos have no
    # hash, and a rolled-back test's ids come back, so a later test would get an earlier
    # photo's rendition (of another size). Renditions are read from the database instead.
    "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
# Every test sees a fresh render; newsdesk/caching/tests turn the page cache on.
NEWSDESK_CACHE_ENABLED = False
NEWSDESK_CACHE_FRAGMENTS = False
NEWSDESK_CACHE_ROUTES = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsdesk-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": "WARNING"},
}
