"""Editions for tests: the default site's front page translated, stories translated."""

from wagtail.models import Locale, Page

from newsdesk.news.tests.factories import site_home


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


def translate(page, code, publish=True, **fields):
    """The page's translation into the edition `code` (its parents translated first), with
    the fields given, published unless told otherwise."""
    page = page.specific
    existing = page.get_translation_or_none(locale(code))
    if existing is None:
        existing = page.copy_for_translation(locale(code), copy_parents=True)
    translated = existing.specific
    for name, value in fields.items():
        setattr(translated, name, value)
    revision = translated.save_revision()
    if publish:
        revision.publish()
        translated.refresh_from_db()
    return translated


def edition_home(code):
    """The edition's front page, published."""
    home = site_home()
    found = home.get_translation_or_none(locale(code))
    if found is not None and found.live:
        return found.specific
    return translate(home, code, title=f"Front page ({code})", slug=f"home-{code}")


def publish_parents(page):
    """copy_for_translation copies parents as drafts; readers see them once published."""
    for ancestor in Page.objects.ancestor_of(page).filter(depth__gt=1, live=False):
        ancestor.specific.save_revision().publish()
