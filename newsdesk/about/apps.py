from django.apps import AppConfig


class AboutConfig(AppConfig):
    name = "newsdesk.about"
    label = "about"
    verbose_name = "About the newsroom"

    def ready(self):
        from newsdesk.caching.signals import purge_on_change

        from .models import FooterSettings

        # The footer is on every page (its links and social accounts are saved with it;
        # footer_tags.py tags it).
        purge_on_change(FooterSettings)
