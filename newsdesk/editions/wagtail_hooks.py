from django.http import Http404
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Locale, Page

from . import admin_urls
from .actions import editable_pages
from .conf import current_edition
from .middleware import works_on_pages
from .models import TranslationState


@hooks.register("before_serve_page")
def page_of_this_edition_only(page, request, serve_args, serve_kwargs):
    """/es/... shows Spanish pages only: Wagtail routes an untranslated path through the
    default edition's tree, which would serve English at a Spanish address."""
    if page_locale(page).language_code != current_edition().code:
        raise Http404("No such page in this edition.")


def page_locale(page):
    """The page's Locale without a query: loaded with a remembered route, else the active
    one Wagtail's routing has just looked up (kept for the request, locales.py)."""
    if Page.locale.is_cached(page):
        return page.locale
    active = Locale.get_active()
    return active if active.pk == page.locale_id else page.locale


@hooks.register("newsdesk_purge_tags")
def translation_tags(obj):
    """A page's versions in the other editions show it in their hreflang links and
    switcher, and a translation tells readers when its source has been updated: those
    pages, not the other editions' listings."""
    if not isinstance(obj, Page) or obj.translation_key is None:
        return []
    translations = Page.objects.filter(translation_key=obj.translation_key).exclude(pk=obj.pk)
    return [f"page-{pk}" for pk in translations.live().values_list("pk", flat=True)]


@hooks.register("register_admin_urls")
def register_translation_desk_urls():
    return [path("editions/", include(admin_urls, namespace="editions"))]


class TranslationDeskMenuItem(MenuItem):
    def is_shown(self, request):
        return TranslationState.objects.filter(
            translation__in=editable_pages(request.user)
        ).exists()


@hooks.register("register_admin_menu_item")
def register_translation_desk_menu_item():
    return TranslationDeskMenuItem(
        "Translations",
        reverse("editions:stale_list"),
        name="translations",
        icon_name="globe",
        order=55,
    )


class TranslateIntoButton(PageMenuItem):
    label = "Translate into…"
    icon_name = "globe"
    priority = 13

    def is_shown(self, user):
        return self.page.depth > 1 and self.page.permissions_for_user(user).can_edit()

    @cached_property
    def url(self):
        return reverse("editions:translate_into", args=[self.page.pk])


@hooks.register("register_page_header_buttons")
def translate_into_button(page, user, view_name, next_url=None):
    yield TranslateIntoButton(page=page)


@hooks.register("construct_reports_menu")
def translations_report_for_page_staff(request, menu_items):
    if not works_on_pages(request.user):
        report = reverse("wagtail_localize:translations_report")
        menu_items[:] = [item for item in menu_items if item.url != report]
