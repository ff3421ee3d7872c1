"""Photos' renditions: where the time goes, and the memory.

1. Time (`--time`): a cold page's time spent on renditions in the reader's request, before
   (Wagtail's tags made each missing rendition there) and after (newsdesk's photo tags
   make none: the worker does, newsdesk/multimedia/renditions/), and the worker's time
   per photo to make every registered rendition. A section page of teasers and a story
   with a lead photo, on photos nobody has viewed yet, in a fresh process on the test
   settings (in-memory SQLite, local media).
2. Memory (`--memory`): peak memory of a photo's first rendition, by size: what the upload
   pixel limit (WAGTAILIMAGES_MAX_IMAGE_PIXELS, 50 MP) bounds; and the upload check's own
   peak, Wagtail's (Willow reads the size by decoding the whole file) and ours
   (newsdesk/multimedia/forms.py reads the size from the header and decodes a JPEG at an
   eighth of its size). Each figure comes from a fresh process (peak RSS from getrusage,
   less the RSS after imports), doing what Wagtail does for a "width-1200" rendition.

Run with `.venv/bin/python bench/photo_renditions.py [--time | --memory]` (both by
default); never part of the test suite.
"""

import contextlib
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


TIMED_STORIES = 8
TIMED_SIZES = {"demo-sized 1600x900": (1600, 900), "24 MP camera file": (6000, 4000)}


def time_child():
    """Prints the timing table (runs in its own process: it makes a test database)."""
    import os
    import time
    from unittest import mock

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment
    from wagtail.images.models import Filter

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    # Queued tasks wait (the test settings would run them at once, in the request).
    override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ).enable()

    import factory

    from newsdesk.multimedia.models import CustomRendition
    from newsdesk.multimedia.renditions import get_rendition_set, shown_renditions
    from newsdesk.multimedia.renditions.making import make_renditions
    from newsdesk.multimedia.tests.factories import PhotoFactory
    from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

    spent = {"seconds": 0.0, "made": 0}
    real_run = Filter.run

    def counted_run(self, *args, **kwargs):
        spent["made"] += 1
        return real_run(self, *args, **kwargs)

    def timed(lookup):
        """The photo tags' lookup, its wall time added up (Wagtail makes several
        renditions of a photo at once, in threads: their CPU time would say more)."""

        def lookup_timed(image, set_name):
            start = time.perf_counter()
            try:
                return lookup(image, set_name)
            finally:
                spent["seconds"] += time.perf_counter() - start

        return lookup_timed

    def wagtails_way(image, set_name):  # what the tags did before: make what is missing
        return image.get_renditions(*get_rendition_set(set_name).specs)

    def cold_page(url):
        CustomRendition.objects.all().delete()
        spent.update(seconds=0.0, made=0)
        start = time.perf_counter()
        assert Client().get(url).status_code == 200
        return time.perf_counter() - start, spent["seconds"], spent["made"]

    section = SectionFactory(title="News", slug="news")
    photo_file = factory.django.ImageField(width=1600, height=900, color="steelblue")
    stories = [
        ArticleFactory(parent=section, lead_image=PhotoFactory(file=photo_file))
        for _ in range(TIMED_STORIES)
    ]
    pages = {"section page": section.url, "story": stories[0].url}
    print(f"A cold page, {TIMED_STORIES} stories with 1600x900 photos nobody has viewed yet:")
    print(f"{'page':>13} {'':>7} {'total ms':>9} {'renditions ms':>14} {'made':>5}")
    # The photo tags and the head's social card and structured data ask for renditions.
    lookups = ["newsdesk.multimedia.templatetags.photo_tags", "newsdesk.feeds.stories"]
    with mock.patch.object(Filter, "run", counted_run):
        for name, url in pages.items():
            cold_page(url)  # templates compiled, caches warm: only the renditions are cold
            for label, lookup in (("before", wagtails_way), ("after", shown_renditions)):
                with contextlib.ExitStack() as patches:
                    for module in lookups:
                        patches.enter_context(
                            mock.patch(f"{module}.shown_renditions", timed(lookup))
                        )
                    total, in_renditions, made = cold_page(url)
                print(
                    f"{name:>13} {label:>7} {total * 1000:>9.0f} {in_renditions * 1000:>14.0f} {made:>5}"
                )
        print()
        print("The worker, per photo (every registered rendition it is given):")
        print(f"{'photo':>20} {'renditions':>11} {'seconds':>8}")
        for label, size in TIMED_SIZES.items():
            photo = PhotoFactory(file=factory.django.ImageField(width=size[0], height=size[1]))
            start = time.perf_counter()
            outcome = make_renditions(photo)
            print(f"{label:>20} {outcome.made:>11} {time.perf_counter() - start:>8.1f}")


def main():
    parts = sys.argv[1:] or ["--time", "--memory"]
    if "--time" in parts:
        subprocess.run([sys.executable, __file__, "time-child"], check=True)
        print()
    if "--memory" in parts:
        memory()


def memory():
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
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if sys.argv[1:] == ["time-child"]:
        time_child()
    elif len(sys.argv) == 3:
        child(*sys.argv[1:])
    else:
        main()
