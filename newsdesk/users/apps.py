from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "newsdesk.users"
    label = "users"
    verbose_name = "Users"

    def ready(self):
        from . import signals  # noqa: F401
