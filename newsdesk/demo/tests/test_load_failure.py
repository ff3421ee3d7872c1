from pathlib import Path

import pytest
from django.conf import settings
from wagtail.images import get_image_model

from newsdesk.demo import loader
from newsdesk.news.models import ArticlePage, Author, SectionPage


def photo_files():
    folder = Path(settings.MEDIA_ROOT) / "original_images"
    return set(folder.iterdir()) if folder.exists() else set()


@pytest.mark.django_db
def test_a_failed_load_leaves_nothing_behind(monkeypatch):
    files_before = photo_files()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    # Sections, authors, stories and their photos all exist by the time stories are backdated.
    monkeypatch.setattr(loader, "backdate", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        loader.load()

    assert not SectionPage.objects.exists()
    assert not ArticlePage.objects.exists()
    assert not Author.objects.exists()
    assert not get_image_model().objects.exists()
    assert photo_files() == files_before
