from django.contrib.auth import get_permission_codename
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page, Site
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from newsdesk.multimedia.readers import READER_IMAGES_HOOK
from newsdesk.multimedia.renditions import RENDITION_SETS_HOOK, RenditionSet

from .models import BreakingNews, NewsroomSettings, edition_locales


@hooks.register(READER_IMAGES_HOOK)
def newsroom_logos():
    """The logo is on every page."""
    return NewsroomSettings.objects.values("logo_id")


@hooks.register(READER_IMAGES_HOOK)
def podcast_artwork():
    """The artwork is in the audio feed."""
    return NewsroomSettings.objects.values("podcast_artwork_id")


@hooks.register("newsdesk_purge_tags")
def navigation_tag(obj):
    """A page in the site's menus is named in every page's header (section_nav.html)."""
    return ["nav"] if isinstance(obj, Page) and obj.show_in_menus else []


@hooks.register(RENDITION_SETS_HOOK)
def photo_block_renditions():
    """A photo in a story's body (components/streamfield/blocks/photo_block.html): WebP
    with a JPEG fallback, by width, wider when the block is wide."""
    return [
        RenditionSet.of("photo_wide", "format-{webp,jpeg}", "width-{480,800,1200,1600}"),
        RenditionSet.of("photo_inline", "format-{webp,jpeg}", "width-{480,800,1200}"),
    ]


# --- the breaking-news banner of each edition ----------------------------------------------


class BannerPermissionPolicy(ModelPermissionPolicy):
    """Banners are changed, never added or deleted: each edition of each site has one
    (emptied to take it down), so `core.change_breakingnews` is the whole of the job."""

    def user_has_permission(self, user, action):
        return action == "change" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "change" in actions and self.user_has_permission(user, "change")


register_permission_policy(BreakingNews, BannerPermissionPolicy(BreakingNews))


class BannerIndexView(IndexView):
    def get_base_queryset(self):
        # Every edition's banner is listed, the ones no page has looked for yet too.
        locales = list(edition_locales())
        for site in Site.objects.all():
            for locale in locales:
                BreakingNews.objects.get_or_create(site=site, locale=locale)
        return (
            BreakingNews.objects.filter(locale__in=locales)
            .select_related("site", "locale")
            .order_by("site__hostname", "locale__pk")
        )


class BreakingNewsViewSet(ModelViewSet):
    """Settings → Breaking news: one banner per edition, each edited on its own."""

    model = BreakingNews
    name = "breaking_news"
    url_prefix = "breaking-news"
    icon = "warning"
    menu_label = "Breaking news"
    add_to_settings_menu = True
    index_view_class = BannerIndexView
    copy_view_enabled = False
    list_display = ["locale", "headline", "expires_at", "site"]
    panels = BreakingNews.panels

    def get_permissions_to_register(self):
        codename = get_permission_codename("change", BreakingNews._meta)
        return super().get_permissions_to_register().filter(codename=codename)


@hooks.register("register_admin_viewset")
def register_breaking_news():
    return BreakingNewsViewSet()
