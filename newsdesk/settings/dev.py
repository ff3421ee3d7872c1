from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# `make run`: the app is the edge, and still shows each page's cache tags (its xkey
# header), so that a developer sees what purges a page. A front proxy strips them.
NEWSDESK_CACHE_SEND_TAGS = True
