"""Which photos a page shows: those it refers to (a lead photo, a photo block: what
Wagtail's reference index finds in it), plus those it shows from elsewhere, which the page
type names itself with a `shown_photo_ids()` method (its teasers' photos, its byline's
faces): multimedia knows no page type."""

from django.contrib.contenttypes.models import ContentType
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex


def photo_ids_shown_by(page):
    image_type = ContentType.objects.get_for_model(get_image_model())
    ids = {
        int(object_id)
        for content_type_id, object_id, *_paths in ReferenceIndex._extract_references_from_object(
            page
        )
        if content_type_id == image_type.pk and object_id.isdigit()
    }
    shown_elsewhere = getattr(page, "shown_photo_ids", None)
    if shown_elsewhere is not None:
        ids.update(image_id for image_id in shown_elsewhere() if image_id)
    return ids
