"""The photo form of every upload path (the upload page, the multiple uploader, the
chooser's upload tab): Wagtail's, with a file field that refuses photos the server could
not work with.

Wagtail's field asks Willow for the size, which decodes a JPEG whole, at full size, and
lets a decoding error through as a server error. Here the size is read from the header,
the limit is said in megapixels with what to do, and then the photo is decoded once, at
an eighth of its size where the format allows: a truncated or damaged file is a form
error at upload, never a 500 there or when its first rendition is made.
"""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

MEGAPIXEL = 1_000_000
# Pillow's refusals of a file it cannot read, each raised by some format's decoder.
UNREADABLE = (OSError, SyntaxError, ValueError, EOFError, PILImage.DecompressionBombError)


class PhotoFileField(WagtailImageField):
    def check_image_pixel_size(self, f):
        f.seek(0)
        try:
            with PILImage.open(f) as picture:
                check_pixel_count(*picture.size, getattr(picture, "n_frames", 1))
                decode(picture)
        except UNREADABLE as error:
            raise ValidationError(
                "This photo's file is incomplete or damaged (it may not have finished "
                "copying or uploading): save it again from the original and upload the "
                "new file.",
                code="damaged_image",
            ) from error
        finally:
            f.seek(0)


class PhotoForm(BaseImageForm):
    file = PhotoFileField(label="File", widget=BaseImageForm.Meta.widgets["file"])


def check_pixel_count(width, height, frames=1):
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    pixels = width * height * frames
    if limit is None or pixels <= limit:
        return
    scale = math.sqrt(limit / pixels)
    raise ValidationError(
        f"This photo is {pixels / MEGAPIXEL:.1f} megapixels; the limit is "
        f"{limit / MEGAPIXEL:g} megapixels: resize it to {math.floor(width * scale)} by "
        f"{math.floor(height * scale)} pixels or less and upload it again.",
        code="file_too_many_pixels",
    )


def decode(picture):
    """Only a decoder that reads every byte finds a file cut short."""
    # A JPEG decodes at an eighth of its width and height: all of it, in 1/64 of the memory.
    picture.draft(picture.mode, (picture.width // 8, picture.height // 8))
    picture.load()
