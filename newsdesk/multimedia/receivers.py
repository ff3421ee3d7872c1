"""What queues renditions: a photo's new file or focal point (upload, replace, crop) and a
page's publication (the photos it shows), each after the commit that made it; and what
lets cached pages with a photo's fallbacks go once its renditions are made."""

from django.db import transaction
from wagtail.signals import page_published

from newsdesk.caching.purge import purge_tags

from .renditions.shown import fallbacks_tag
from .signals import renditions_made
from .tasks import make_page_photo_renditions, make_photo_renditions

# A fill- rendition is cut around the focal point: a new one is a new rendition.
RENDITION_FIELDS = (
    "file",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
)


def rendition_state(image):
    return tuple(str(getattr(image, field)) for field in RENDITION_FIELDS)


def remember_rendition_state(sender, instance, **kwargs):
    if instance.get_deferred_fields().intersection(RENDITION_FIELDS):
        return  # reading them would query; a save of such a photo queues its renditions
    instance._rendition_state = rendition_state(instance)


def queue_photo_renditions(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.file:
        return
    if not created and getattr(instance, "_rendition_state", None) == rendition_state(instance):
        return
    instance._rendition_state = rendition_state(instance)
    image_id = instance.pk
    transaction.on_commit(lambda: make_photo_renditions.enqueue(image_id), robust=True)


def queue_page_photo_renditions(sender, instance, **kwargs):
    page_id = instance.pk
    transaction.on_commit(lambda: make_page_photo_renditions.enqueue(page_id), robust=True)


def purge_pages_showing_fallbacks(sender, image, outcome, **kwargs):
    if outcome.made:
        tag = fallbacks_tag(image)
        transaction.on_commit(lambda: purge_tags([tag]), robust=True)


def connect(image_model):
    from django.db.models.signals import post_init, post_save

    post_init.connect(remember_rendition_state, sender=image_model)
    post_save.connect(queue_photo_renditions, sender=image_model)
    page_published.connect(queue_page_photo_renditions)
    renditions_made.connect(purge_pages_showing_fallbacks, sender=image_model)
