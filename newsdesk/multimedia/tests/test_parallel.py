"""Two workers making one photo's renditions at the same time (real processes on a SQLite
file): one rendition of each spec, no stray file, neither fails."""

import subprocess
import sys

import pytest

from newsdesk.worker.tests.processes import MANAGE, manage, site_environment

pytestmark = pytest.mark.processes

MAKE_PHOTO = """
import io
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.images import get_image_model
buffer = io.BytesIO()
Image.radial_gradient("L").resize((3000, 2000)).convert("RGB").save(buffer, "JPEG")
photo = get_image_model()(title="Harbour", file=ImageFile(buffer, name="harbour.jpg"))
photo.save()
print(photo.pk)
"""

SUMMARY = """
from wagtail.images import get_image_model
from newsdesk.multimedia.renditions.registry import specs_for
photo = get_image_model().objects.get(pk={pk})
print(len(specs_for(photo)))
for name in photo.renditions.values_list("file", flat=True):
    print(name)
"""


@pytest.fixture
def site(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    env = {
        **site_environment(tmp_path / "db.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "newsdesk.multimedia.tests.process_settings",
        "MEDIA_ROOT": str(media),
    }
    manage(env, "migrate", "--no-input", "-v", "0")
    return env, media


def test_two_workers_on_one_photo_leave_one_rendition_of_each_spec(site):
    env, media = site
    pk = manage(env, "shell", "--no-imports", "-c", MAKE_PHOTO).split()[-1]

    workers = [
        subprocess.Popen(
            [sys.executable, MANAGE, "make_renditions", pk],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [worker.communicate(timeout=600) for worker in workers]

    assert [worker.returncode for worker in workers] == [0, 0], outputs
    spec_count, *files = manage(env, "shell", "--no-imports", "-c", SUMMARY.format(pk=pk)).split()
    assert len(files) == len(set(files)) == int(spec_count)
    on_disk = sorted(str(path.relative_to(media)) for path in (media / "images").iterdir())
    assert on_disk == sorted(files)  # the loser of each race deleted its own file
    made = [int(out.split("made ")[1].split()[0]) for out, _err in outputs]
    assert sum(made) == int(spec_count)
