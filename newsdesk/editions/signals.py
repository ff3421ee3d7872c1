"""Receivers, connected in apps.py ready()."""

from django.db.models.signals import post_migrate
from wagtail.signals import page_published


def ensure_locales(sender, **kwargs):
    """A Wagtail Locale for each edition in settings, every time migrate runs."""
    from wagtail.models import Locale

    from .conf import editions

    for each in editions():
        Locale.objects.get_or_create(language_code=each.code)


def flag_stale_translations(sender, instance, revision, **kwargs):
    from .stale import on_publish

    on_publish(instance, revision)


def connect():
    from django.apps import apps

    post_migrate.connect(
        ensure_locales, sender=apps.get_app_config("editions"), dispatch_uid="editions-locales"
    )
    page_published.connect(flag_stale_translations, dispatch_uid="editions-stale")
