from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "newsdesk.editions"
    label = "editions"
    verbose_name = "Editions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals
        from .locales import keep_locales_per_request
        from .pages import page_urls_on_own_host

        signals.connect()
        keep_locales_per_request()
        page_urls_on_own_host()
