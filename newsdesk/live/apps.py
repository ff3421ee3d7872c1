from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "newsdesk.live"
    label = "live"
    verbose_name = "Live"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsdesk.core import health

        from . import checks, signals  # noqa: F401
        from .conf import live_settings

        checks.register()
        if live_settings.grip_url:
            from .health import check_pushpin

            health.register("pushpin", check_pushpin)
