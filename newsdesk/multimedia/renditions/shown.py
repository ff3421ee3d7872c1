"""The reader's side: the renditions of a set that exist, found without making any.

A photo whose renditions are missing (just uploaded, its worker behind, a set added by a
deploy) is shown with those of the set that exist, the browser picking the nearest width;
with none, the original stands in, scaled by the browser. Either way the worker is asked
to make them, once a while per photo however many readers ask, and the page carries the
photo's fallbacks tag, purged once they are made.
"""

import hashlib
import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models import prefetch_related_objects

from newsdesk.caching.metadata import add_cache_tags

from ..conf import multimedia_settings
from .registry import get_rendition_set

logger = logging.getLogger(__name__)


def shown_renditions(image, set_name):
    """{spec: rendition} of the set's renditions of `image` that exist, in the set's order;
    {"original": the original as a rendition} when none exists yet."""
    filters = get_rendition_set(set_name).filters
    found = image.find_existing_renditions(*filters)
    if len(found) < len(filters):
        request_renditions(image)
        # A page cached with fallbacks is let go once the worker has made them (receivers.py).
        add_cache_tags(fallbacks_tag(image))
    if not found:
        return {"original": original_stand_in(image)}
    return {filter.spec: found[filter] for filter in filters if filter in found}


def fallbacks_tag(image):
    """The cache tag of pages that show the photo without all of its renditions."""
    return f"photo-fallbacks-{image.pk}"


def original_stand_in(image):
    """An unsaved rendition naming the original file, at its own size."""
    rendition = image.get_rendition_model()(
        image=image, filter_spec="original", width=image.width, height=image.height
    )
    rendition.file.name = image.file.name
    return rendition


def request_renditions(image):
    """Queue the making of the photo's renditions, unless it was queued a moment ago."""
    from ..tasks import make_photo_renditions

    if not cache.add(
        request_key(image), True, multimedia_settings.RENDITIONS_REQUEST_AGAIN_SECONDS
    ):
        return
    image_id = image.pk
    transaction.on_commit(lambda: make_photo_renditions.enqueue(image_id), robust=True)


def request_key(image):
    # A replaced file is a new photo to make renditions of, whatever its id.
    file_name = hashlib.sha256(image.file.name.encode()).hexdigest()[:16]
    return f"newsdesk:renditions-requested:{image.pk}:{file_name}"


def prefetch_renditions(images):
    """Fetch the renditions of these photos (None allowed) in one query, so the photo tags
    ask the database nothing more. Every rendition, not a set's: Wagtail takes a photo's
    prefetched renditions as all there are."""
    prefetch_related_objects([image for image in images if image is not None], "renditions")
    return images
