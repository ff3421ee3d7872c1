"""The pattern every app's conf.py follows: defaults in the app, each overridable in
Django's settings as NEWSDESK_<APP>_<NAME>.

An AppSettings looks at Django's settings on every access, so `override_settings` in
tests and per-environment settings both work. An app subclasses it where a setting is
derived from others.
"""

from django.conf import settings


class AppSettings:
    def __init__(self, prefix, defaults):
        self._prefix = prefix
        self._defaults = defaults

    def __getattr__(self, name):
        if name.startswith("_") or name not in self._defaults:
            raise AttributeError(f"No setting {self._prefix}{name}")
        return getattr(settings, self._prefix + name, self._defaults[name])
