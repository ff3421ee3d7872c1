from django.apps import AppConfig, apps
from django.core.signals import got_request_exception
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move


class CachingConfig(AppConfig):
    name = "newsdesk.caching"
    label = "caching"
    verbose_name = "Page cache"

    def ready(self):
        from wagtail.contrib.frontend_cache import signal_handlers as wagtail_purges
        from wagtail.models import Page

        from . import outage, signals

        got_request_exception.connect(outage.note_outage)
        connection_created.connect(outage.close_breaker)

        # Our purge covers the page's own URL and everything else that shows it, by tag;
        # Wagtail's own handlers would purge the page's URL a second time. (They are
        # connected in wagtail.contrib.frontend_cache's ready(), which runs first: it comes
        # before this app in INSTALLED_APPS.)
        for model in apps.get_models():
            if issubclass(model, Page):
                page_published.disconnect(
                    wagtail_purges.page_published_signal_handler, sender=model
                )
                page_unpublished.disconnect(
                    wagtail_purges.page_unpublished_signal_handler, sender=model
                )
                pre_save.connect(signals.remember_tags_before_publishing, sender=model)

        page_published.connect(signals.purge_changed_page)
        page_unpublished.connect(signals.purge_changed_page)
        pre_page_move.connect(signals.purge_before_move)
        post_page_move.connect(signals.purge_after_move)

        site = apps.get_model("wagtailcore.Site")
        post_save.connect(signals.purge_everything_on_change, sender=site)
        post_delete.connect(signals.purge_everything_on_change, sender=site)
        restriction = apps.get_model("wagtailcore.PageViewRestriction")
        post_save.connect(signals.purge_restricted_page, sender=restriction)
        post_delete.connect(signals.purge_restricted_page, sender=restriction)
        redirect = apps.get_model("wagtailredirects.Redirect")
        post_save.connect(signals.purge_redirected_path, sender=redirect)
        post_delete.connect(signals.purge_redirected_path, sender=redirect)
