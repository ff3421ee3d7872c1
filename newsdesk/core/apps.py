from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"
    verbose_name = "Core"
