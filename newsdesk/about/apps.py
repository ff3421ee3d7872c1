from django.apps import AppConfig


class AboutConfig(AppConfig):
    name = "newsdesk.about"
    label = "about"
    verbose_name = "About the newsroom"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from newsdesk.caching.signals import purge_everything_on_change

        from .models import FooterSettings

        # The footer is on every page (its links and social accounts are saved with it).
        post_save.connect(purge_everything_on_change, sender=FooterSettings)
        post_delete.connect(purge_everything_on_change, sender=FooterSettings)
