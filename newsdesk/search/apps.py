from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "search"
    verbose_name = "Site search"
