"""The interface strings of every edition: the .po file of each edition is what
`makemessages` would make of today's sources, every entry of it translated and none
fuzzy, and the compiled .mo says the same.

"What makemessages would make" is found by running it, on a copy of the sources and of
the .po files in a temporary directory (the checkout is never written to): so a string
marked in a template, in Python, with a context or a plural, is checked exactly as the
tools read it, and a string changed or removed in the sources shows too."""

import contextlib
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django.utils.dateformat import format as format_date

from ..conf import default_edition, editions

PROJECT = Path(settings.PROJECT_DIR)
TRANSLATED = [each.code for each in editions() if each.code != default_edition().code]
# What makemessages reads (the django domain); the rest of the tree is not copied.
SOURCE_SUFFIXES = {".py", ".html", ".txt"}


def po_path(root, code):
    return root / "locale" / code / "LC_MESSAGES" / "django.po"


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def catalogue_problems(current, fresh):
    """What is wrong with a .po file (`current`) beside the one makemessages makes now
    (`fresh`, merged from it): strings missing or left over, untranslated, fuzzy."""
    kept = {key(entry) for entry in current if not entry.obsolete}
    wanted = {key(entry) for entry in fresh if not entry.obsolete}
    return {
        "not in the .po file (run makemessages)": sorted(wanted - kept),
        "no longer in the sources (run makemessages --no-obsolete)": sorted(kept - wanted),
        "untranslated": sorted(key(entry) for entry in current.untranslated_entries()),
        "fuzzy": sorted(key(entry) for entry in current.fuzzy_entries()),
        "untranslated once merged": sorted(key(entry) for entry in fresh.untranslated_entries()),
        "fuzzy once merged": sorted(key(entry) for entry in fresh.fuzzy_entries()),
    }


def copy_sources(destination):
    def ignored(directory, names):
        return {
            name
            for name in names
            if name == "__pycache__"
            or (
                not (Path(directory) / name).is_dir()
                and Path(name).suffix not in SOURCE_SUFFIXES | {".po"}
            )
        }

    shutil.copytree(PROJECT, destination, ignore=ignored)


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """{code: the .po file makemessages makes today}, from copies in a temporary directory."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        message = "GNU gettext (xgettext, msgmerge) is needed to check the .po files"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("messages")
    copy = root / "newsdesk"
    copy_sources(copy)
    with (
        contextlib.chdir(root),
        override_settings(LOCALE_PATHS=[copy / "locale"]),
    ):
        call_command("makemessages", locale=TRANSLATED, no_obsolete=True, verbosity=0)
    return {code: polib.pofile(po_path(copy, code)) for code in TRANSLATED}


def po_file(code):
    return polib.pofile(po_path(PROJECT, code))


def test_the_fresh_catalogue_has_the_strings_of_every_kind_of_marking(fresh_catalogues):
    found = {key(entry) for entry in fresh_catalogues[TRANSLATED[0]]}
    assert {
        ("", "Skip to content"),  # {% translate %} in base.html
        ("", "Stories by %(name)s"),  # {% blocktranslate with %}
        ("", "%(shown)s Comment"),  # {% blocktranslate count %}
        ("date format", "j F Y"),  # pgettext_lazy in Python
        ("", "someone"),  # gettext in Python
    } <= found


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_po_file_is_complete_and_up_to_date(fresh_catalogues, code):
    problems = catalogue_problems(po_file(code), fresh_catalogues[code])
    assert not any(problems.values()), {
        f"locale/{code}: {what}": strings for what, strings in problems.items() if strings
    }


def test_the_comparison_finds_each_kind_of_problem():
    def catalogue(*entries):
        po = polib.POFile()
        po.extend(entries)
        return po

    current = catalogue(
        polib.POEntry(msgid="Kept", msgstr="Guardado"),
        polib.POEntry(msgid="Removed from the sources", msgstr="Quitado"),
        polib.POEntry(msgid="Not yet", msgstr=""),
        polib.POEntry(msgid="Guessed", msgstr="Adivinado", flags=["fuzzy"]),
    )
    fresh = catalogue(
        polib.POEntry(msgid="Kept", msgstr="Guardado"),
        polib.POEntry(msgid="Not yet", msgstr=""),
        polib.POEntry(msgid="Guessed", msgstr="Adivinado", flags=["fuzzy"]),
        polib.POEntry(msgid="New", msgctxt="button", msgstr=""),
    )
    problems = catalogue_problems(current, fresh)
    assert problems["not in the .po file (run makemessages)"] == [("button", "New")]
    assert problems["no longer in the sources (run makemessages --no-obsolete)"] == [
        ("", "Removed from the sources")
    ]
    assert problems["untranslated"] == [("", "Not yet")]
    assert problems["fuzzy"] == [("", "Guessed")]
    assert problems["untranslated once merged"] == [("", "Not yet"), ("button", "New")]
    clean = catalogue(polib.POEntry(msgid="Kept", msgstr="Guardado"))
    assert not any(catalogue_problems(clean, clean).values())


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_translation_keeps_the_placeholders_of_its_string(code):
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgfmt) is needed to check the .po files")
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(po_path(PROJECT, code))],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogue_matches_the_po_file(code):
    po = po_file(code)
    mo = polib.mofile(PROJECT / "locale" / code / "LC_MESSAGES" / "django.mo")

    def entries(catalogue):
        return {
            (key(entry), entry.msgid_plural): entry.msgstr_plural or entry.msgstr
            for entry in catalogue
            if entry.msgid
        }

    assert entries(mo) == {
        (key(entry), entry.msgid_plural): {
            int(index): text for index, text in entry.msgstr_plural.items()
        }
        or entry.msgstr
        for entry in po.translated_entries()
    }, "Run manage.py compilemessages"


def test_strings_and_dates_come_out_in_the_editions_language():
    with translation.override("es"):
        assert translation.gettext("Breaking") == "Última hora"
        assert format_date(datetime(2026, 3, 4), "j F Y") == "4 marzo 2026"
    with translation.override("ar"):
        assert translation.gettext("Published") == "نُشر"
        assert format_date(datetime(2026, 3, 4), "F") == "مارس"
