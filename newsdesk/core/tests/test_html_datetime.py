"""Machine-readable times on reader pages: the html_datetime filter, and every template's
<time datetime> going through it."""

import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import override_settings

from newsdesk.core.templatetags.newsdesk_tags import html_datetime

NEWSDESK = Path(__file__).resolve().parents[2]
# A valid global date and time string of HTML: seconds at most, then Z or an offset.
HTML_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$")


def test_drops_the_microseconds_python_writes():
    moment = datetime(2026, 12, 2, 3, 0, 57, 474580, tzinfo=UTC)
    assert html_datetime(moment) == "2026-12-02T03:00:57+00:00"
    assert HTML_DATETIME.match(html_datetime(moment))


@override_settings(TIME_ZONE="Europe/London")
def test_gives_the_newsrooms_time_zone_and_its_offset():
    summer = datetime(2026, 7, 1, 11, 30, 5, 1, tzinfo=UTC)
    assert html_datetime(summer) == "2026-07-01T12:30:05+01:00"


def test_keeps_the_offset_of_a_moment_in_another_zone():
    newsroom = timezone(timedelta(hours=-5))
    moment = datetime(2026, 1, 5, 8, 0, tzinfo=newsroom)
    assert datetime.fromisoformat(html_datetime(moment)) == moment


def test_a_date_is_a_date_and_nothing_is_nothing():
    assert html_datetime(date(2026, 3, 2)) == "2026-03-02"
    assert html_datetime(None) == ""
    assert html_datetime("") == ""
    assert html_datetime("yesterday") == ""


def test_in_a_template():
    moment = datetime(2026, 12, 2, 3, 0, 57, 474580, tzinfo=UTC)
    rendered = Template(
        '{% load newsdesk_tags %}<time datetime="{{ moment|html_datetime }}">now</time>'
    ).render(Context({"moment": moment}))
    assert rendered == '<time datetime="2026-12-02T03:00:57+00:00">now</time>'


def reader_templates():
    for folder in [NEWSDESK / "templates", *NEWSDESK.glob("*/templates")]:
        for path in folder.rglob("*.html"):
            if "admin" not in path.relative_to(folder).parts[1:-1]:
                yield path


@pytest.mark.parametrize("path", list(reader_templates()), ids=lambda path: path.name)
def test_every_time_element_goes_through_the_filter(path):
    text = path.read_text(encoding="utf-8")
    for value in re.findall(r'\bdatetime="([^"]*)"', text):
        assert re.fullmatch(r"\{\{ [\w.]+\|html_datetime \}\}", value), (
            f'{path.relative_to(NEWSDESK)}: datetime="{value}" should be '
            "{{ value|html_datetime }}"
        )
