"""Every kind of reader page is valid HTML, as the Nu HTML Checker (vnu.jar, from npm)
reads it.

The demo newsroom is loaded once, each page of newsdesk/demo/reader_pages.py is rendered
(the live channel both off and on air; the page-not-found page also at its staff preview,
where Lighthouse audits it), the comments area the article fetches is wrapped
in a document as the article's script inserts it, and one Java run checks every file. A
failure lists each error with the page it is on.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import ROOT, skip_or_fail
from newsdesk.demo.reader_pages import commented_story, reader_fragments, reader_pages
from newsdesk.live.models import LiveChannel

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The comments area as the article's script fills it in (comments/includes/section.html).
FRAGMENT_DOCUMENT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{name}</title></head>
<body><main><section id="comments" aria-label="Comments"><div class="comments__body">
{html}
</div></section></main></body></html>
"""

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@dataclass(frozen=True)
class Rendered:
    name: str
    path: str
    file: Path


@pytest.fixture(scope="module")
def demo(django_db_blocker, restore_migrated_data):
    """The demo newsroom, loaded once for the module and emptied afterwards."""
    with django_db_blocker.unblock():
        restore_migrated_data()
        try:
            call_command("load_demo", "--force", stdout=StringIO())
            yield
        finally:
            restore_migrated_data()


@pytest.fixture(scope="module")
def vnu():
    java = shutil.which("java")
    if java is None:
        skip_or_fail("java not found: apt-get install default-jre-headless")
    if not VNU_JAR.exists():
        skip_or_fail(f"{VNU_JAR.relative_to(ROOT)} not found: run `npm ci`")
    return [java, "-jar", str(VNU_JAR)]


@pytest.fixture(scope="module")
def rendered(demo, django_db_blocker, tmp_path_factory):
    """Every reader page and fragment, saved as a file to check."""
    folder = tmp_path_factory.mktemp("nu")
    client = Client()
    with django_db_blocker.unblock():
        documents = [*render_pages(client, reader_pages()), *render_fragments(client)]
        LiveChannel.objects.update(on_air=True)
        channel_pages = {
            f"{name}, on air": path
            for name, path in reader_pages().items()
            if name in ("live channel", "Audio Only")
        }
        documents += render_pages(client, channel_pages)
        # The page-not-found page as staff preview it (and Lighthouse audits it).
        staff = Client()
        staff.force_login(get_user_model().objects.get(username="editor"))
        documents += render_pages(staff, {"404 preview": reverse("about:not_found_preview")})
    files = []
    for number, (name, path, html) in enumerate(documents):
        file = folder / f"page-{number:02}.html"
        file.write_text(html, encoding="utf-8")
        files.append(Rendered(name, path, file))
    return files


def render_pages(client, pages):
    for name, path in pages.items():
        response = client.get(path)
        expected = 404 if name == "not found" else 200
        assert response.status_code == expected, f"{name} ({path}) answered {response.status_code}"
        yield name, path, response.content.decode()


def render_fragments(client):
    for name, path in reader_fragments().items():
        response = client.get(path)
        assert response.status_code == 200, f"{name} ({path}) answered {response.status_code}"
        html = FRAGMENT_DOCUMENT.format(name=name, html=response.content.decode())
        yield f"comments fragment: {name}", path, html
    refused = client.post(
        reverse("comments:post", args=[commented_story().pk]),
        {"body": ""},
        HTTP_ACCEPT="application/json",
    )
    assert refused.status_code == 400
    html = FRAGMENT_DOCUMENT.format(name="refused comment", html=refused.json()["form"])
    yield "comments fragment: the form sent back with errors", "(POST)", html


def check(vnu, files):
    """vnu's messages, one JVM for every file."""
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", "--exit-zero-always"]
        + [str(rendered.file) for rendered in files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its report to stderr.
    return json.loads(result.stderr)["messages"]


def test_every_reader_page_is_valid_html(vnu, rendered):
    by_file = {str(rendered.file): rendered for rendered in rendered}
    messages = check(vnu, rendered)
    problems = []
    for message in messages:
        url = message.get("url", "?")
        page = by_file.get(url.removeprefix("file:").replace("///", "/"))
        where = f"{page.name} ({page.path})" if page else url
        line = message.get("lastLine", "?")
        extract = " ".join(message.get("extract", "").split())
        problems.append(f"{where}, line {line}: {message['message']}\n    {extract}")
    assert not problems, f"{len(problems)} Nu HTML Checker errors:\n" + "\n".join(problems)


def test_the_checker_catches_invalid_markup(vnu, tmp_path):
    """The run above proves something only if an error would be reported."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title></head>'
        '<body><p><time datetime="2026-12-02T03:00:57.474580+00:00">now</time><div></p>'
        "</body></html>"
    )
    messages = check(vnu, [Rendered("broken", "-", broken)])
    assert any("datetime" in message["message"] for message in messages)
    assert any(message["type"] == "error" for message in messages)
