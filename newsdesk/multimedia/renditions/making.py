"""The worker's side: every registered rendition of a photo, each made once.

Each missing rendition is made from the original read once, then saved in its own
transaction; a worker that finds another worker saved the same rendition first keeps
that one and deletes its own file, so two workers on one photo leave one rendition of each
spec and no stray files. Storage errors that pass (a dropped connection, S3's SlowDown)
are tried again after RENDITION_RETRY_DELAYS; a file that cannot be read as a photo is
reported and left, never retried.
"""

import logging
import time
from dataclasses import dataclass
from io import BytesIO

from boto3.exceptions import S3UploadFailedError
from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError
from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.db import IntegrityError, transaction
from PIL import Image as PILImage
from wagtail.images.models import Filter

from ..conf import multimedia_settings
from ..signals import renditions_made
from .registry import specs_for
from .shown import request_key

logger = logging.getLogger(__name__)

# What the decoder raises for a file that is not a photo it can read (a truncated or
# damaged file, a decompression bomb): the same file fails the same way every time.
UNREADABLE = (OSError, SyntaxError, ValueError, EOFError, PILImage.DecompressionBombError)
# S3's answers that say "try again".
UNREADABLE_SECONDS = 24 * 60 * 60
PASSING_S3_ERRORS = {"SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout", "503"}


@dataclass
class Outcome:
    made: int = 0
    already_made: int = 0
    lost_races: int = 0  # made here too, but another worker saved it first
    unreadable: str = ""  # why the photo's file could not be made into renditions

    def as_dict(self):
        return dict(vars(self))


def make_renditions(image):
    """Make every registered rendition of `image` that is missing; an Outcome."""
    filters = [Filter(spec=spec) for spec in specs_for(image)]
    missing = missing_filters(image, filters)
    outcome = Outcome(already_made=len(filters) - len(missing))
    if not missing:
        return outcome
    refusal = refusal_of(image)
    if refusal:
        return unreadable(image, outcome, refusal)
    try:
        original = with_retries(read_original, image)
    except FileNotFoundError:
        return unreadable(image, outcome, "its original file is missing from the storage")
    for filter in missing:
        try:
            file = image.generate_rendition_file(
                filter, source=File(BytesIO(original), name=image.file.name)
            )
        except UNREADABLE as error:
            return unreadable(image, outcome, f"its file is damaged or not a photo ({error})")
        if with_retries(save_rendition, image, filter, file):
            outcome.made += 1
        else:
            outcome.lost_races += 1
    renditions_made.send(sender=type(image), image=image, outcome=outcome)
    return outcome


def missing_filters(image, filters):
    made = set(image.renditions.values_list("filter_spec", "focal_point_key"))
    return [f for f in filters if (f.spec, f.get_cache_key(image)) not in made]


def refusal_of(image):
    """Why the photo must not be decoded at all, from its recorded size."""
    if not image.width or not image.height:
        return "its file has no recorded size (an empty or unreadable file)"
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    if limit and image.width * image.height > limit:
        return (
            f"it is {image.width}x{image.height} pixels, over the limit of "
            f"{limit // 1_000_000} megapixels"
        )
    return ""


def unreadable(image, outcome, reason):
    logger.warning("No renditions made of photo %s (%s): %s", image.pk, image.file.name, reason)
    # Readers' pages stop asking for a day: the same file would fail the same way (a new
    # file is a new key, and `make_renditions` tries all photos again).
    cache.set(request_key(image), True, UNREADABLE_SECONDS)
    outcome.unreadable = reason
    return outcome


def read_original(image):
    with image.file.storage.open(image.file.name, "rb") as original:
        return original.read()


def save_rendition(image, filter, file):
    """Save one rendition; False when another worker saved it first (ours is deleted)."""
    file.seek(0)
    key = {"filter_spec": filter.spec, "focal_point_key": filter.get_cache_key(image)}
    rendition = image.get_rendition_model()(image=image, file=file, **key)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        kept = image.renditions.filter(**key).first()
        # S3 overwrites a same-named object (the same pixels): that file is the kept one.
        if kept is None or kept.file.name != rendition.file.name:
            rendition.file.delete(save=False)
        return False
    except BaseException:
        if rendition.file.name and rendition.file._committed:
            rendition.file.delete(save=False)
        raise
    return True


def with_retries(action, *args):
    delays = list(multimedia_settings.RENDITION_RETRY_DELAYS)
    for delay in [*delays, None]:
        try:
            return action(*args)
        except Exception as error:
            if delay is None or not is_passing(error):
                raise
            logger.warning("Storage error (%s); trying again in %s s", error, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")


def is_passing(error):
    """Whether a storage error is one that passes: worth trying again shortly."""
    if isinstance(error, (ConnectionError, TimeoutError, BotoConnectionError, HTTPClientError)):
        return True
    if isinstance(error, S3UploadFailedError):  # boto3's wrapper of an upload's ClientError
        return True
    if isinstance(error, ClientError):
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        return error.response.get("Error", {}).get("Code") in PASSING_S3_ERRORS or status >= 500
    return False
