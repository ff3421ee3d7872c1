from wagtail import hooks

from newsdesk.multimedia.readers import READER_IMAGES_HOOK

from .models import NewsroomSettings


@hooks.register(READER_IMAGES_HOOK)
def newsroom_logos():
    """The logo is on every page."""
    return NewsroomSettings.objects.values("logo_id")


@hooks.register(READER_IMAGES_HOOK)
def podcast_artwork():
    """The artwork is in the audio feed."""
    return NewsroomSettings.objects.values("podcast_artwork_id")
