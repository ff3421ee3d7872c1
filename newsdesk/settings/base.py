"""Settings shared by every environment; safe by default.

DEBUG is off and nothing secret is committed: SECRET_KEY, DATABASE_URL and
REDIS_URL come from the environment. dev.py, test.py and production.py build on
this module.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "newsdesk"


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsdesk.users",
    "newsdesk.core",
    "newsdesk.multimedia",
    "newsdesk.news",
    "newsdesk.comments",
    "newsdesk.live",
    "newsdesk.desk",
    "newsdesk.feeds",
    "newsdesk.search",
    "newsdesk.about",
    "newsdesk.editions",
    "newsdesk.demo",
    "newsdesk.worker",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail_localize",
    "wagtail_localize.locales",  # in place of wagtail.locales
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # the sitemap templates wagtail.contrib.sitemaps renders
    # After wagtail.admin: its ready() defers that app's workflow emails to the commit.
    "newsdesk.editorial",
    # After wagtail.contrib.frontend_cache: its ready() replaces that app's purge handlers.
    "newsdesk.caching",
]

MIDDLEWARE = [
    # First, so a cache hit skips every other middleware (sessions, auth, routing).
    "newsdesk.caching.middleware.PageCacheMiddleware",
    # Around every middleware that may query the database: an outage met in any of them
    # (sessions, Wagtail's site lookup, the route memory) answers the 503 page.
    "newsdesk.caching.outage.DatabaseUnavailableMiddleware",
    # The reader's address in REMOTE_ADDR, not the front proxy's (newsdesk/core/client_address.py).
    "newsdesk.core.client_address.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The edition (language) of the URL: its path prefix, or its host (newsdesk/editions/).
    "newsdesk.editions.middleware.EditionMiddleware",
    # A read looks the pages' view restrictions up once (newsdesk/core/visibility.py).
    "newsdesk.core.visibility.RestrictionsReadOnceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsdesk.editions.middleware.TranslationsReportGateMiddleware",
    "newsdesk.desk.middleware.PageVisibilityMiddleware",
    # Admin requests that publish, schedule or review a page: one at a time per page.
    "newsdesk.editorial.middleware.PageTransitionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "newsdesk.caching.routes.RouteMemoryMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "newsdesk.wsgi.application"
ASGI_APPLICATION = "newsdesk.asgi.application"

DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", DEFAULT_DATABASE_URL), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker write while the web process reads.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("LANGUAGE_CODE", "en")
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
# Editions: the newsroom's sites in other languages (newsdesk/editions/conf.py). The first
# is the default edition, served without a prefix; "host" serves each edition on a host of
# its own (a Wagtail Site whose root is that edition's front page) instead of /es/...
EDITION_LANGUAGE_NAMES = {"en": "English", "es": "Español", "ar": "العربية", "fr": "Français"}
LANGUAGES = [
    (code, EDITION_LANGUAGE_NAMES.get(code, code))
    for code in env_list("NEWSDESK_EDITIONS", f"{LANGUAGE_CODE},es,ar")
]
LANGUAGE_CODE = LANGUAGES[0][0]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
NEWSDESK_EDITION_URLS = env("NEWSDESK_EDITION_URLS", "prefix")
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# Machine drafts for the translation desk (newsdesk/editions/translators/): the offline
# glossary by default; DeepL when NEWSDESK_DEEPL_AUTH_KEY is set.
if env("NEWSDESK_DEEPL_AUTH_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "newsdesk.editions.translators.deepl.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": env("NEWSDESK_DEEPL_AUTH_KEY"),
            "API_URL": env("NEWSDESK_DEEPL_API_URL", ""),
        },
    }
else:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "newsdesk.editions.translators.offline.GlossaryTranslator"
    }
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REDIS_URL = env("REDIS_URL")
# "pages" holds the full-page cache (newsdesk.caching). A purge has to reach what every
# process serves: Redis in production, a shared folder in the embedded default.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsdesk",
        },
        "pages": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsdesk-pages",
            # Redis down: every page is a miss, rendered by the app, rather than an error,
            # and soon: a page asks the cache several times.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # A folder the site's processes share, so that a story the scheduler publishes in
        # its own process is purged from the pages the web server serves.
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("PAGE_CACHE_DIR", BASE_DIR / ".cache" / "pages"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# How many proxies of ours each append to X-Forwarded-For in front of the app: the reader's
# address is that many entries from its right. 0: none, the connection's peer is the reader.
NEWSDESK_TRUSTED_PROXY_COUNT = int(env("NEWSDESK_TRUSTED_PROXY_COUNT", "0"))

# The full-page cache (newsdesk/caching/conf.py has every NEWSDESK_CACHE_* setting).
NEWSDESK_CACHE_ENABLED = env_bool("NEWSDESK_CACHE_ENABLED", True)
NEWSDESK_CACHE_FRAGMENTS = env_bool("NEWSDESK_CACHE_FRAGMENTS", True)
NEWSDESK_CACHE_ROUTES = env_bool("NEWSDESK_CACHE_ROUTES", True)

# Live blogs' fan-out (newsdesk/live/conf.py has every NEWSDESK_LIVE_* setting). Sites that
# share one Redis need a prefix each: pub/sub channels ignore the database number.
NEWSDESK_LIVE_REDIS_CHANNEL_PREFIX = env("NEWSDESK_LIVE_REDIS_CHANNEL_PREFIX", "newsdesk:live:")
# Live blog readers held by Pushpin (GRIP, newsdesk/live/grip.py) rather than by the app:
# Pushpin's publish endpoint, with ?key= the sig_key Pushpin signs its requests with, e.g.
# http://127.0.0.1:5561/?key=... Unset (the embedded default), the app streams itself.
GRIP_URL = env("GRIP_URL")
# Prefix of the GRIP channels, so several sites can share one Pushpin.
GRIP_PREFIX = env("GRIP_PREFIX", "")

# The database queue, by urgency (newsdesk/worker/routing.py): one queue, whose worker
# takes purges first and photo renditions last; the multi-node profile gives each of these
# queues its own RQ queue and workers instead (settings/cluster.py).
TASKS = {
    "default": {
        "BACKEND": "newsdesk.worker.database.PrioritisedDatabaseBackend",
        "QUEUES": ["default"],
    }
}
NEWSDESK_TASK_QUEUES = {
    "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task": "purge",
    "newsdesk.caching.tasks.purge_everything_from_frontend_caches": "purge",
    "newsdesk.caching.tasks.purge_tags_from_frontend_caches": "purge",
    "newsdesk.multimedia.tasks.make_photo_renditions": "media",
    "newsdesk.multimedia.tasks.make_page_photo_renditions": "media",
}
NEWSDESK_TASK_PRIORITIES = {"purge": 50, "default": 0, "media": -50}

# The task worker's heartbeat and /healthz/'s limits, in seconds (newsdesk/worker/conf.py
# has every NEWSDESK_WORKER_* setting; a bad value fails `manage.py check`).
NEWSDESK_WORKER_HEARTBEAT_SECONDS = env("NEWSDESK_WORKER_HEARTBEAT_SECONDS", 5)
NEWSDESK_WORKER_STALE_SECONDS = env("NEWSDESK_WORKER_STALE_SECONDS", 30)
NEWSDESK_WORKER_QUEUE_MAX_AGE_SECONDS = env("NEWSDESK_WORKER_QUEUE_MAX_AGE_SECONDS", 300)

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "newsdesk@localhost")

# Wagtail
WAGTAIL_SITE_NAME = env("SITE_NAME", "The Newsdesk")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "multimedia.CustomImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# The photo form of every upload path: it decodes each upload and says the pixel limit in
# megapixels (newsdesk/multimedia/forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "newsdesk.multimedia.forms.PhotoForm"
# Refuses decompression bombs and bounds a first rendition's memory (bench/photo_renditions.py):
# 50 megapixels takes the full-size files of the 45-50 MP bodies news photographers carry.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(env("NEWSDESK_MULTIMEDIA_MAX_MEGAPIXELS", "50")) * 1_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# The database backend searches with SQLite's FTS5 or PostgreSQL's full-text search,
# whichever the database is; SEARCH_CONFIG is PostgreSQL's text search configuration (the
# language whose word stems match: "floods" finds "flooding").
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": env("SEARCH_CONFIG", "english"),
    }
}
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # Each edition's stemming: Spanish stories indexed and searched with "spanish"...
    WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "newsdesk.editions.search"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite ranks matches in time that grows with their square: past this many, site
    # search sorts newest first (newsdesk/search/conf.py; bench/feeds_search.py figures).
    NEWSDESK_SEARCH_MAX_RANKED_MATCHES = 1000
# Feeds name each story by a "tag:" URI under this authority: a domain the newsroom owns
# and a year, e.g. "news.example.org,2026". Set it once at launch and never change it
# (newsdesk/feeds/conf.py has every NEWSDESK_FEEDS_* setting).
NEWSDESK_FEEDS_TAG_AUTHORITY = env("FEEDS_TAG_AUTHORITY")

WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send every staff member's email hash to a third party, and shows
# broken pictures offline. The admin draws initials instead (newsdesk/users/avatars.py);
# set a provider URL, e.g. "https://www.gravatar.com/avatar", to opt in.
WAGTAIL_GRAVATAR_PROVIDER_URL = env("WAGTAIL_GRAVATAR_PROVIDER_URL") or None
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
# The newsroom works in one zone (TIME_ZONE); the admin shows and schedules in it.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
WAGTAILEMBEDS_RESPONSIVE_HTML = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "WARNING"}},
}


def require_secret_key():
    if not SECRET_KEY:
        raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")
