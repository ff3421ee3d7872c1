"""The newsroom's editions: one per language in settings.LANGUAGES, the first the default.

Each edition's facts that Django does not know: the reading direction comes from Django's
LANG_INFO, the rest is listed here for the languages newsdesk ships with; a newsroom adds a
language by listing it in NEWSDESK_EDITIONS (and its .po file in newsdesk/locale/).
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils import translation

# OpenGraph's og:locale and PostgreSQL's text search configuration per language.
OG_LOCALES = {"en": "en_GB", "es": "es_ES", "ar": "ar_AR", "fr": "fr_FR"}
SEARCH_CONFIGS = {"en": "english", "es": "spanish", "ar": "arabic", "fr": "french"}
COOKIE_NAME = "newsdesk_edition"


@dataclass(frozen=True)
class Edition:
    code: str
    name: str
    direction: str
    og_locale: str
    search_config: str

    @property
    def is_default(self):
        return self.code == default_edition().code

    @property
    def prefix(self):
        """The path prefix of the edition's reader URLs: "" for the default, "/es" else."""
        return "" if self.is_default or host_mode() else f"/{self.code}"


@cache
def editions():
    found = []
    for code, name in settings.LANGUAGES:
        info = LANG_INFO.get(code, {})
        found.append(
            Edition(
                code=code,
                name=info.get("name_local", str(name)),
                direction="rtl" if info.get("bidi") else "ltr",
                og_locale=OG_LOCALES.get(code, code),
                search_config=SEARCH_CONFIGS.get(code, "simple"),
            )
        )
    return tuple(found)


def default_edition():
    return editions()[0]


def edition(code):
    """The edition of a language code ("es", "es-mx"), else the default one."""
    code = (code or "").lower()
    for candidate in editions():
        if code == candidate.code or code.split("-")[0] == candidate.code:
            return candidate
    return default_edition()


def current_edition():
    return edition(translation.get_language())


def host_mode():
    return settings.NEWSDESK_EDITION_URLS == "host"
