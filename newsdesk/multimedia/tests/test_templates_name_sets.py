"""Every template that shows a photo does it through the photo tags, naming a registered
rendition set: Wagtail's own tags would make a missing rendition in the reader's request."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

IMAGE_TAG = re.compile(r"{%\s*(image|srcset_image|picture)\s")
LOADS = re.compile(r"{%\s*load\s+([^%]*)%}")


def template_files():
    folders = [Path(settings.BASE_DIR) / "newsdesk"]
    return sorted(
        path
        for folder in folders
        for path in folder.glob("**/templates/**/*.html")
        if IMAGE_TAG.search(path.read_text())
    )


def test_the_finder_finds_the_templates_that_show_photos():
    names = {path.name for path in template_files()}
    assert {"teaser.html", "lead_photo.html", "photo_block.html"} <= names


@pytest.mark.parametrize("path", template_files(), ids=lambda path: path.name)
def test_a_template_showing_photos_loads_the_photo_tags_last(path):
    libraries = [name for load in LOADS.findall(path.read_text()) for name in load.split()]
    assert "photo_tags" in libraries
    if "wagtailimages_tags" in libraries:  # loaded after it, the photo tags replace Wagtail's
        assert libraries.index("photo_tags") > libraries.index("wagtailimages_tags")


@pytest.mark.parametrize("path", template_files(), ids=lambda path: path.name)
def test_a_template_showing_photos_names_only_registered_sets(path):
    engines["django"].from_string(path.read_text())  # an unknown set is a syntax error
