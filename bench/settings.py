"""Settings for bench/: the site as readers get it (DEBUG off), on a throwaway database.

bench/article_page.py sets DATABASE_URL and NEWSDESK_BENCH_DIR for each run.
"""

import os
from pathlib import Path

from newsdesk.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-key"
ALLOWED_HOSTS = ["*"]
WORK_DIR = Path(os.environ["NEWSDESK_BENCH_DIR"])
MEDIA_ROOT = WORK_DIR / "media"
STATIC_ROOT = WORK_DIR / "static"  # empty: the page's assets are read through the finders
# The demo loader's background work (search index, references) runs inline.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# article_page.py measures the render itself, every part of it; bench/cache_wrk.py
# measures the caches.
NEWSDESK_CACHE_ENABLED = False
NEWSDESK_CACHE_FRAGMENTS = False
NEWSDESK_CACHE_ROUTES = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
