from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "newsdesk.feeds"
    label = "feeds"
    verbose_name = "Feeds and sitemaps"
