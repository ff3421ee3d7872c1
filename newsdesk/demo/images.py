"""The demo newsroom's photos: real photographs in photos/, saved as Wagtail images.

photos/manifest.toml says who took each one and under which licence; the credit line every
page shows is built from it, so a photo cannot be loaded without its author and licence.
"""

import hashlib
import io
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.images.rect import Rect

PHOTOS_DIR = Path(__file__).resolve().parent / "photos"
MANIFEST = PHOTOS_DIR / "manifest.toml"
REQUIRED = ("title", "author", "licence", "licence_url", "source", "upstream")
# How a credit line names each licence; one missing here is refused when the manifest is read.
# The credit of a licence that asks for changes to be indicated says the copy was resized.
CHANGES_NOT_NOTED = {"public-domain", "CC0-1.0"}
LICENCE_NAMES = {
    "public-domain": "public domain",
    "CC0-1.0": "CC0",
    "CC-BY-4.0": "CC BY 4.0",
    "CC-BY-SA-4.0": "CC BY-SA 4.0",
    "GPL-2.0-or-later": "GPL-2.0+",
    "LGPL-3.0": "LGPL-3.0",
}


class ManifestError(ValueError):
    pass


@dataclass(frozen=True)
class PhotoFile:
    """One committed photo and what its manifest entry says about it."""

    name: str
    title: str
    author: str
    licence: str
    licence_url: str
    source: str
    upstream: str
    note: str = ""
    focal_point: tuple[int, int, int, int] | None = None

    @property
    def path(self):
        return PHOTOS_DIR / self.name

    @property
    def credit(self):
        """The credit line: the author, the licence and, where the licence asks, the change."""
        terms = LICENCE_NAMES[self.licence]
        if self.licence not in CHANGES_NOT_NOTED:
            terms += ", resized"
        return f"Photo: {self.author} ({terms})"


def read_manifest(text):
    """The photo files a manifest describes, by file name; ManifestError if an entry is incomplete."""
    try:
        entries = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ManifestError(f"photos/manifest.toml is not valid TOML: {error}") from error
    return {name: photo_file(name, entry) for name, entry in entries.items()}


def photo_file(name, entry):
    if not isinstance(entry, dict):
        raise ManifestError(f"{name}: expected a table of keys")
    missing = [key for key in REQUIRED if not str(entry.get(key, "")).strip()]
    if missing:
        raise ManifestError(f"{name}: no {', '.join(missing)}")
    if entry["licence"] not in LICENCE_NAMES:
        raise ManifestError(f"{name}: unknown licence {entry['licence']!r}")
    unknown = set(entry) - set(REQUIRED) - {"note", "focal_point"}
    if unknown:
        raise ManifestError(f"{name}: unknown keys {', '.join(sorted(unknown))}")
    focal_point = entry.get("focal_point")
    if focal_point is not None:
        if len(focal_point) != 4 or not all(isinstance(n, int) and n >= 0 for n in focal_point):
            raise ManifestError(f"{name}: focal_point must be four whole numbers of pixels")
        focal_point = tuple(focal_point)
    return PhotoFile(name=name, **{**entry, "focal_point": focal_point})


@cache
def manifest():
    return read_manifest(MANIFEST.read_text(encoding="utf-8"))


def photo_file_for(name):
    try:
        return manifest()[name]
    except KeyError:
        raise ManifestError(f"{name} is not in photos/manifest.toml") from None


def save_photo(photo, slug):
    """Store a content.Photo as a Wagtail image with alt text, caption and its credit line."""
    source = photo_file_for(photo.file)
    data = source.path.read_bytes()
    image = get_image_model()(
        title=photo.alt,
        description=photo.alt,
        default_caption=photo.caption,
        credit=source.credit,
        file=ImageFile(io.BytesIO(data), name=f"{slug}{source.path.suffix}"),
        file_size=len(data),
        file_hash=hashlib.sha1(data).hexdigest(),
    )
    if source.focal_point:
        x, y, width, height = source.focal_point
        image.set_focal_point(Rect(x, y, x + width, y + height))
    image.save()
    return image
