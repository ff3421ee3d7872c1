"""Photo-like pictures for the demo newsroom, painted with Pillow and saved as Wagtail images.

A painter from scenes.py (built on drawing.py) draws on a half-size canvas; paint() scales the
picture up, which softens the drawn edges, then adds film grain and a vignette. Everything
derives from the seed, so two loads paint the same pictures.
"""

import hashlib
import io
import random
import zlib
from functools import lru_cache

from django.core.files.images import ImageFile
from PIL import Image, ImageChops
from wagtail.images import get_image_model
from wagtail.images.rect import Rect

from .scenes import SCENES

SIZES = {"landscape": (1600, 900), "portrait": (1200, 1600), "square": (600, 600)}
JPEG_QUALITY = 82


@lru_cache(maxsize=4)
def grain(size):
    """Film grain around mid-grey, reused for every photo of a size: nobody compares the noise."""
    half = (size[0] // 2, size[1] // 2)
    # Pillow's effect_noise cannot be seeded; random bytes can, so every load is identical.
    noise = Image.frombytes("L", half, random.Random(0).randbytes(half[0] * half[1]))
    noise = noise.point(lambda v: 128 + (v - 128) // 10).resize(size, Image.BILINEAR)
    return Image.merge("RGB", [noise, noise, noise])


@lru_cache(maxsize=4)
def vignette(size):
    """Corners about a third darker than the centre, as an old lens would leave them."""
    edge = Image.radial_gradient("L").resize(size).point(lambda v: 255 - max(0, v - 140) // 2)
    return Image.merge("RGB", [edge, edge, edge])


def paint(scene, seed, size):
    """The picture of a scene and its focal box in pixels (x, y, width, height)."""
    rng = random.Random(seed)
    canvas = Image.new("RGB", (size[0] // 2, size[1] // 2))
    fx, fy, fw, fh = SCENES[scene](canvas, rng)
    img = canvas.resize(size, Image.BICUBIC)
    img = ImageChops.add(img, grain(size), offset=-128)
    img = ImageChops.multiply(img, vignette(size))
    w, h = size
    x, y = max(0, fx) * w, max(0, fy) * h
    return img, (round(x), round(y), round(min(fw * w, w - x)), round(min(fh * h, h - y)))


def seed_for(text):
    return zlib.crc32(text.encode())


def save_photo(photo, slug):
    """Paint a content.Photo and store it as a Wagtail image with alt text, caption and credit."""
    size = SIZES[photo.shape]
    picture, (x, y, fw, fh) = paint(photo.scene, seed_for(slug + photo.alt), size)
    data = io.BytesIO()
    picture.save(data, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    image = get_image_model()(
        title=photo.alt,
        description=photo.alt,
        default_caption=photo.caption,
        credit=photo.credit,
        file=ImageFile(data, name=f"{slug}.jpg"),
        file_size=data.tell(),
        file_hash=hashlib.sha1(data.getvalue()).hexdigest(),
    )
    image.set_focal_point(Rect(x, y, x + fw, y + fh))
    image.save()
    return image
