from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, ListingButton
from wagtail.images import get_image_model

from newsdesk.core.visibility import visible_to_readers
from newsdesk.multimedia.readers import READER_IMAGES_HOOK
from newsdesk.multimedia.renditions import RENDITION_SETS_HOOK, RenditionSet

from . import admin_views
from .actions import can_post_entries, can_use_live_desk
from .forms import LiveChannelForm
from .models import LiveBlogPage, LiveChannel, LiveEntry
from .page_cache import channel_tags


class LiveDeskMenuItem(MenuItem):
    def is_shown(self, request):
        # Posting takes the right to publish: without it anywhere, there is nothing to do here.
        return can_use_live_desk(request.user)


class LiveDeskViewSet(ViewSet):
    name = "live_admin"
    url_prefix = "live"
    icon = "time"
    menu_label = "Live desk"

    def get_urlpatterns(self):
        return [
            path("", admin_views.desk_index, name="desk_index"),
            path("blog/<id:blog_id>/", admin_views.desk, name="desk"),
            path("entry/<id:entry_id>/edit/", admin_views.edit_entry, name="edit_entry"),
            path("entry/<id:entry_id>/delete/", admin_views.delete_entry, name="delete_entry"),
        ]

    @property
    def menu_url(self):
        return reverse("live_admin:desk_index")

    def get_menu_item(self, order=None):
        return LiveDeskMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name="live-desk",
            icon_name=self.icon,
            order=self.get_menu_item_order(order),
        )


class LiveChannelViewSet(ModelViewSet):
    model = LiveChannel
    icon = "media"
    menu_label = "Live channels"
    url_prefix = "live/channels"
    name = "live_channels"
    list_display = ["name", "locale", "on_air", "stream_url", "sort_order"]
    list_filter = ["locale", "on_air"]
    search_fields = ["name"]
    edit_handler = ObjectList(LiveChannel.panels, base_form_class=LiveChannelForm)


class LiveViewSetGroup(ViewSetGroup):
    menu_label = "Live"
    menu_icon = "time"
    menu_order = 240
    items = (LiveDeskViewSet, LiveChannelViewSet)


@hooks.register("register_admin_viewset")
def register_live_admin():
    return LiveViewSetGroup()


def desk_url(page):
    return reverse("live_admin:desk", args=[page.pk])


@hooks.register("register_page_header_buttons")
def live_desk_header_button(page, user, view_name, next_url=None):
    if issubclass(page.specific_class or object, LiveBlogPage) and can_post_entries(user, page):
        yield Button("Live updates", url=desk_url(page), icon_name="time", priority=5)


@hooks.register("register_page_listing_buttons")
def live_desk_listing_button(page, user, next_url=None):
    if issubclass(page.specific_class or object, LiveBlogPage) and can_post_entries(user, page):
        yield ListingButton("Post updates", url=desk_url(page), icon_name="time", priority=5)


@hooks.register("register_log_actions")
def register_live_log_actions(actions):
    actions.register_action("live.post_entry", "Post live update", "Posted a live update")
    actions.register_action("live.edit_entry", "Edit live update", "Edited a live update")
    actions.register_action("live.delete_entry", "Delete live update", "Deleted a live update")


@hooks.register("register_permissions")
def register_live_channel_permissions():
    return Permission.objects.filter(
        content_type__app_label="live", codename__endswith="livechannel"
    )


@hooks.register(READER_IMAGES_HOOK)
def channel_posters():
    """A channel's poster shows on its player, which every reader may open."""
    return LiveChannel.objects.values("poster_id")


@hooks.register(READER_IMAGES_HOOK)
def entry_photos():
    """Photos in the updates of live blogs readers may see (entries are not pages, so the
    reference index does not cover them): the ids the body's blocks name."""
    body = LiveEntry._meta.get_field("body")
    image_model = get_image_model()
    entries = LiveEntry.objects.filter(blog__in=visible_to_readers(LiveBlogPage.objects.all()))
    return [
        int(object_id)
        for entry in entries.only("body")
        for model, object_id, _, _ in body.extract_references(entry.body)
        if issubclass(model, image_model)
    ]


hooks.register("newsdesk_purge_tags", channel_tags)


def poster_ids():
    return LiveChannel.objects.values("poster_id")


@hooks.register(RENDITION_SETS_HOOK)
def channel_renditions():
    """A channel's poster: on its card (live/index.html), its player and the listen page."""
    return [
        RenditionSet.of("channel_card", "fill-640x360", "format-jpeg", photos=poster_ids),
        RenditionSet.of("channel_poster", "fill-1280x720", "format-webp", photos=poster_ids),
        RenditionSet.of("listen_poster", "fill-256x144", "format-jpeg", photos=poster_ids),
    ]
