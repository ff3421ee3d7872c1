"""Peak memory of a photo's first rendition, by size: what the upload pixel limit
(WAGTAILIMAGES_MAX_IMAGE_PIXELS, 50 MP) bounds; and the upload check's own peak, Wagtail's
(Willow reads the size by decoding the whole file) and ours (newsdesk/multimedia/forms.py
reads the size from the header and decodes a JPEG at an eighth of its size).

Run with `.venv/bin/python bench/photo_renditions.py`; never part of the test suite. Each
figure comes from a fresh process (peak RSS from getrusage, less the RSS after imports),
doing what Wagtail does for a "width-1200" rendition: Willow opens the file, reads its
size (a full decode), resizes, and saves a JPEG.
"""

import io
import random
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = {"24 MP": (6000, 4000), "40 MP": (7746, 5164), "50 MP": (8660, 5773), "60 MP": (9487, 6325)}


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_jpeg(path, size):
    from PIL import Image

    tile = Image.frombytes("RGB", (256, 256), random.Random(1).randbytes(256 * 256 * 3))
    picture = Image.new("RGB", size)
    for x in range(0, size[0], 256):
        for y in range(0, size[1], 256):
            picture.paste(tile, (x, y))
    picture.save(path, "JPEG", quality=85)


def child(mode, path):
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")
    django.setup()
    import willow
    from PIL import Image

    from newsdesk.multimedia.forms import decode

    Image.MAX_IMAGE_PIXELS = None
    before = peak_mb()
    with open(path, "rb") as file:
        if mode == "rendition":
            image = willow.Image.open(file)
            width, height = image.get_size()
            resized = image.resize((1200, round(1200 * height / width)))
            resized.save_as_jpeg(io.BytesIO())
        elif mode == "wagtail-check":  # Wagtail's own field: Willow's size of the file
            willow.Image.open(file).get_size()
        else:
            with Image.open(file) as picture:
                decode(picture)
    print(f"{peak_mb() - before:.0f}")


def main():
    with tempfile.TemporaryDirectory() as folder:
        print(
            f"{'photo':>7} {'pixels':>12} {'rendition MB':>13} {'Wagtail check MB':>17} {'our check MB':>13}"
        )
        for label, size in SIZES.items():
            path = Path(folder) / f"{label.split()[0]}.jpg"
            make_jpeg(path, size)
            figures = [
                subprocess.run(
                    [sys.executable, __file__, mode, str(path)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.strip()
                for mode in ("rendition", "wagtail-check", "check")
            ]
            row = f"{label:>7} {size[0] * size[1]:>12,} {figures[0]:>13} {figures[1]:>17}"
            print(f"{row} {figures[2]:>13}")


if __name__ == "__main__":
    if len(sys.argv) == 3:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        child(*sys.argv[1:])
    else:
        main()
