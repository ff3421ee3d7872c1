from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "newsdesk.editorial"
    label = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from . import notifications

        # Wagtail's admin connects its notifiers in its own ready(), which runs first: it
        # comes before this app in INSTALLED_APPS.
        notifications.send_workflow_emails_on_commit()
