from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "newsdesk.news"
    label = "news"
    verbose_name = "News"

    def ready(self):
        from taggit.models import Tag

        from newsdesk.caching.signals import purge_on_change

        from .models import Author

        # Their names are on every page that shows them (bylines, topic lists).
        purge_on_change(Author)
        purge_on_change(Tag)
