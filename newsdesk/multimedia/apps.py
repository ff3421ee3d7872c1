from django.apps import AppConfig


class MultimediaConfig(AppConfig):
    name = "newsdesk.multimedia"
    label = "multimedia"
    verbose_name = "Multimedia"
