from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "newsdesk.live"
    label = "live"
    verbose_name = "Live"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
