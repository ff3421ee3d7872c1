from wagtail import hooks
from wagtail.models import Page

from newsdesk.core.models import NewsroomSettings
from newsdesk.multimedia.renditions import RENDITION_SETS_HOOK, RenditionSet

from .conf import feed_settings
from .views import SITEMAPS_TAG


@hooks.register("newsdesk_purge_tags")
def sitemaps_tag(obj):
    """Every sitemap lists pages (or what stories are about): any page's change."""
    return [SITEMAPS_TAG] if isinstance(obj, Page) else []


def logo_ids():
    return NewsroomSettings.objects.values("logo_id")


def artwork_ids():
    return NewsroomSettings.objects.values("podcast_artwork_id")


@hooks.register(RENDITION_SETS_HOOK)
def machine_renditions():
    """What feeds, social cards and structured data give of a photo (sizes in conf.py)."""
    return [
        RenditionSet("feed_image", (feed_settings.FEED_IMAGE,)),
        RenditionSet("feed_photo_block", ("width-1200|format-jpeg",)),
        RenditionSet("social_image", (feed_settings.SOCIAL_IMAGE,)),
        RenditionSet("structured_data_images", tuple(feed_settings.STRUCTURED_DATA_IMAGES)),
        RenditionSet("logo_image", (feed_settings.LOGO_IMAGE,), photos=logo_ids),
        RenditionSet("podcast_artwork", (feed_settings.PODCAST_ARTWORK,), photos=artwork_ids),
    ]
