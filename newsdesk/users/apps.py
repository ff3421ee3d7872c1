from django.apps import AppConfig
from django.db.models.signals import post_migrate


class UsersConfig(AppConfig):
    name = "newsdesk.users"
    label = "users"
    verbose_name = "Users"

    def ready(self):
        from . import signals

        # Once per `migrate`, after every app (users is not the last one migrated).
        post_migrate.connect(signals.apply_roles_after_migrate)
