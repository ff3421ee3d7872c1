"""The times readers see: the clock time on the day of the story, else its date, in the
newsroom's time zone; always machine-readable too (components/time.html)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone, translation

from newsdesk.core.templatetags.newsdesk_tags import DATE_FORMATS, DATE_STYLES, TIME_STYLES

NOW = datetime(2026, 12, 2, 15, 30, tzinfo=UTC)


def shown(moment, style=None):
    tag = "{% reader_time moment style %}" if style else "{% reader_time moment %}"
    return Template("{% load newsdesk_tags %}" + tag).render(
        Context({"moment": moment, "style": style})
    )


@pytest.fixture
def now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def test_today_shows_the_clock_time_and_carries_its_date(now):
    html = shown(now - timedelta(hours=2))
    assert html == (
        '<time datetime="2026-12-02T13:30:00+00:00" data-day="2 Dec" data-ago>13:30</time>'
    )


def test_another_day_shows_the_date(now):
    assert shown(datetime(2026, 11, 30, 23, 59, tzinfo=UTC)) == (
        '<time datetime="2026-11-30T23:59:00+00:00">30 Nov</time>'
    )


def test_another_year_says_which(now):
    assert ">28 Jun 2021</time>" in shown(datetime(2021, 6, 28, 9, 30, tzinfo=UTC))


@override_settings(TIME_ZONE="Pacific/Auckland")
def test_today_is_the_newsrooms_day_not_the_servers(now):
    # NOW is 04:30 on 3 December in Auckland (UTC+13). 12:00 UTC on the 2nd is 01:00 there,
    # today; 10:00 UTC on the 2nd, the same day in UTC, is 23:00 on the 2nd there: yesterday.
    today = shown(datetime(2026, 12, 2, 12, 0, tzinfo=UTC))
    assert 'datetime="2026-12-03T01:00:00+13:00"' in today
    assert ">01:00</time>" in today
    assert ">2 Dec</time>" in shown(datetime(2026, 12, 2, 10, 0, tzinfo=UTC))


def test_an_update_today_names_the_zone_and_on_another_day_the_date_too(now):
    assert ">14:00 UTC</time>" in shown(now - timedelta(minutes=90), "updated")
    assert ">1 December 2026, 09:05 UTC</time>" in shown(
        datetime(2026, 12, 1, 9, 5, tzinfo=UTC), "updated"
    )


def test_a_live_entry_gives_the_date_only_when_it_is_not_today(now):
    today = shown(now - timedelta(minutes=5), "entry")
    assert ">15:25</time>" in today
    assert 'title="2 December 2026, 15:25 UTC"' in today
    assert "data-ago" not in today  # a live blog's entries keep their clock time
    assert ">09:05, 1 Dec</time>" in shown(datetime(2026, 12, 1, 9, 5, tzinfo=UTC), "entry")


@pytest.mark.parametrize("value", [None, "", "yesterday", 1733140000, date(2026, 12, 2)])
def test_anything_but_a_moment_shows_nothing(value):
    assert shown(value) == ""


def test_an_unknown_style_is_a_template_error():
    with pytest.raises(KeyError):
        shown(NOW, "sideways")


def test_every_format_is_marked_for_translation():
    """A format missing from DATE_FORMATS would stay English in every edition: makemessages
    only finds the strings marked there."""
    used = {each for formats in TIME_STYLES.values() for each in formats}
    with translation.override("en"):
        assert used | set(DATE_STYLES.values()) == {str(each) for each in DATE_FORMATS}
