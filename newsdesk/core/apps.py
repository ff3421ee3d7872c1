from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        # Before any URLconf is imported: every app's patterns name ids as <id:...>.
        from .ids import register_id_converter

        register_id_converter()

        from newsdesk.caching.signals import purge_on_change

        from .models import BreakingNews, NewsroomSettings

        # In every page's header (base.html carries their tags).
        purge_on_change(NewsroomSettings)
        purge_on_change(BreakingNews)
