"""The demo's photos: real photographs, each used once, each credited as its licence asks."""

import hashlib

import pytest
from PIL import Image

from newsdesk.demo import content, images
from newsdesk.demo.content.schema import InBodyPhoto, Photo
from newsdesk.demo.images import PHOTOS_DIR, ManifestError, read_manifest
from newsdesk.live.demo import LEAD_PHOTO

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
MAX_BYTES = 150_000
MAX_SIDE = 1600

GOOD_ENTRY = """
["harbour.jpg"]
title = "A harbour"
author = "A. Photographer"
licence = "CC-BY-4.0"
licence_url = "https://creativecommons.org/licenses/by/4.0/"
source = "a package: /a/path.jpg"
upstream = "https://example.org/wallpapers"
"""


def demo_photos():
    """Every Photo the demo loads: lead and in-body photos, authors' and the live blog's."""
    photos = [LEAD_PHOTO]
    for article in content.ARTICLES:
        photos.append(article.photo)
        photos += [item.photo for item in article.body if isinstance(item, InBodyPhoto)]
    photos += [author.photo for author in content.AUTHORS]
    return [photo for photo in photos if photo is not None]


def committed_files():
    return {path.name for path in PHOTOS_DIR.iterdir() if path.suffix.lower() in IMAGE_SUFFIXES}


def test_each_photo_file_is_used_once_at_most():
    files = [photo.file for photo in demo_photos()]
    repeated = sorted({name for name in files if files.count(name) > 1})
    assert not repeated, f"used more than once: {repeated}"


def test_the_manifest_lists_exactly_the_committed_photos():
    assert set(images.manifest()) == committed_files()


def test_every_committed_photo_is_used_and_every_photo_used_is_committed():
    assert {photo.file for photo in demo_photos()} == committed_files()


def test_every_photo_has_alt_text_and_a_caption_of_its_own():
    captions = [photo.caption for photo in demo_photos()]
    assert all(photo.alt and photo.caption for photo in demo_photos())
    assert len(set(captions)) == len(captions)


def test_every_entry_records_author_source_and_licence():
    for entry in images.manifest().values():
        assert entry.author.strip() and entry.source.strip() and entry.title.strip()
        assert entry.licence in images.LICENCE_NAMES
        assert entry.licence_url.startswith(("https://", "http://"))
        assert entry.upstream.startswith("https://")


def test_credit_lines_name_the_author_and_the_licence():
    for entry in images.manifest().values():
        credit = entry.credit
        assert entry.author in credit and images.LICENCE_NAMES[entry.licence] in credit
        assert len(credit) <= 255  # CustomImage.credit
        assert ("resized" in credit) == (entry.licence not in images.CHANGES_NOT_NOTED)


def test_copyleft_photos_ship_their_licence_texts():
    texts = {"GPL-2.0-or-later": "GPL-2.0.txt", "LGPL-3.0": "LGPL-3.0.txt"}
    for entry in images.manifest().values():
        if entry.licence in texts:
            assert (PHOTOS_DIR / "licences" / texts[entry.licence]).is_file()
    # The LGPL-3.0 adds to the GPL-3.0, so the one needs the other.
    assert (PHOTOS_DIR / "licences" / "GPL-3.0.txt").is_file()


@pytest.mark.parametrize("name", sorted(committed_files()))
def test_committed_photos_are_small_photographs(name):
    path = PHOTOS_DIR / name
    assert path.stat().st_size <= MAX_BYTES
    with Image.open(path) as picture:
        assert picture.format == "JPEG" and picture.mode == "RGB"
        assert max(picture.size) <= MAX_SIDE
        focal_point = images.manifest()[name].focal_point
        if focal_point:
            x, y, width, height = focal_point
            assert width and height and x + width <= picture.width and y + height <= picture.height


def test_all_photos_together_stay_a_few_megabytes():
    total = sum((PHOTOS_DIR / name).stat().st_size for name in committed_files())
    assert total <= 4_000_000


def test_a_good_entry_reads():
    (entry,) = read_manifest(GOOD_ENTRY).values()
    assert entry.credit == "Photo: A. Photographer (CC BY 4.0, resized)"
    assert entry.path == PHOTOS_DIR / "harbour.jpg"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda text: text.replace('author = "A. Photographer"', 'author = "  "'), "no author"),
        (lambda text: text.replace('licence = "CC-BY-4.0"\n', ""), "no licence"),
        (lambda text: text.replace("CC-BY-4.0", "CC-BY-NC-4.0"), "unknown licence"),
        (lambda text: text + 'colour = "red"\n', "unknown keys colour"),
        (lambda text: text + "focal_point = [1, 2, 3]\n", "focal_point"),
        (lambda text: text + "focal_point = [1, 2, -3, 4]\n", "focal_point"),
        (lambda text: text + 'focal_point = ["1", 2, 3, 4]\n', "focal_point"),
        (lambda text: text.replace("[", "", 1), "not valid TOML"),
        (lambda text: 'title = "not a table"\n', "expected a table"),
    ],
)
def test_an_incomplete_or_malformed_entry_is_refused(change, message):
    with pytest.raises(ManifestError, match=message):
        read_manifest(change(GOOD_ENTRY))


def test_a_photo_missing_from_the_manifest_is_refused_before_anything_is_saved():
    photo = Photo(file="../settings.py", alt="x", caption="y")
    with pytest.raises(ManifestError, match=r"not in photos/manifest\.toml"):
        images.save_photo(photo, "nowhere")  # no database: it must fail first


@pytest.mark.django_db
def test_a_saved_photo_is_the_committed_file_with_its_credit():
    photo = LEAD_PHOTO
    image = images.save_photo(photo, "storm")
    committed = (PHOTOS_DIR / photo.file).read_bytes()
    try:
        assert image.file_hash == hashlib.sha1(committed).hexdigest()
        with image.open_file() as stored:
            assert stored.read() == committed
        assert image.credit == images.manifest()[photo.file].credit
        assert image.default_caption == photo.caption and image.description == photo.alt
    finally:
        image.file.delete(save=False)
