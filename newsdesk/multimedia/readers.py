"""Which photos readers may reach: the API lists only these, and /media/ serves the files
(originals and renditions) of only these.

A photo is for readers when a page readers may see refers to it (by Wagtail's reference
index: a lead photo, a photo block, anything that names it), or when an app says readers
see it elsewhere through the `newsdesk_reader_images` hook: a function returning image
ids (a queryset of them, or a list), e.g. the site's logo, an author's portrait, a photo in
a live blog's update. Everything else in the library (an embargoed story's photo, a photo only a draft uses) stays with the staff.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from newsdesk.core.visibility import visible_pages

READER_IMAGES_HOOK = "newsdesk_reader_images"
STAFF_IMAGE_PERMISSIONS = ["add", "change", "choose"]


def images_on_visible_pages():
    """Ids of the images the reference index finds on pages readers may see."""
    image_type = ContentType.objects.get_for_model(get_image_model())
    page_ids = visible_pages().annotate(key=Cast("pk", CharField(max_length=255)))
    references = ReferenceIndex.objects.filter(
        to_content_type=image_type,
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=page_ids.values("key"),
    )
    return references.annotate(image_id=Cast("to_object_id", IntegerField())).values("image_id")


def reader_images():
    """The images readers may reach, as a queryset of the image model."""
    shown = Q(pk__in=images_on_visible_pages())
    for image_ids in hooks.get_hooks(READER_IMAGES_HOOK):
        shown |= Q(pk__in=image_ids())
    return get_image_model().objects.filter(shown)


def is_reader_image(image):
    return reader_images().filter(pk=image.pk).exists()


def works_with_photos(user):
    """Staff who may add, edit or choose photos see the whole library, previews included."""
    policy = policy_registry.get_by_type(get_image_model())
    return policy.user_has_any_permission(user, STAFF_IMAGE_PERMISSIONS)
