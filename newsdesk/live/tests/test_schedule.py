"""What is on now and next, from a channel's programme slots in the newsroom's zone."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from newsdesk.live.models import ProgrammeSlot
from newsdesk.live.schedule import AirState, air_state, clashes, now_and_next

LONDON = ZoneInfo("Europe/London")


def slot(title, starts, ends, repeats="daily", day=None):
    return ProgrammeSlot(title=title, starts=starts, ends=ends, repeats=repeats, date=day)


SCHEDULE = [
    slot("Overnight", time(0), time(6)),
    slot("Morning Edition", time(6), time(9), "weekdays"),
    slot("Weekend Breakfast", time(6), time(9), "weekends"),
    slot("Newsdesk Live", time(9), time(22)),
    slot("Late Edition", time(22), time(0)),
]


def titles(showings):
    return tuple(showing.slot.title if showing else None for showing in showings)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2025, 3, 3, 7, 30), ("Morning Edition", "Newsdesk Live")),  # a Monday
        (datetime(2025, 3, 8, 7, 30), ("Weekend Breakfast", "Newsdesk Live")),  # a Saturday
        (datetime(2025, 3, 7, 23, 59), ("Late Edition", "Overnight")),  # past midnight next
        (datetime(2025, 3, 7, 5, 59), ("Overnight", "Morning Edition")),
        (datetime(2025, 3, 9, 5, 59), ("Overnight", "Weekend Breakfast")),  # a Sunday
    ],
)
@override_settings(TIME_ZONE="Europe/London")
def test_now_and_next_follow_the_days_of_the_week(moment, expected):
    assert titles(now_and_next(SCHEDULE, moment.replace(tzinfo=LONDON))) == expected


@override_settings(TIME_ZONE="Europe/London")
def test_a_programme_past_midnight_is_still_on_after_midnight():
    schedule = [slot("Night Shift", time(23), time(2)), slot("Dawn", time(5), time(7))]
    at = datetime(2025, 3, 4, 1, 0, tzinfo=LONDON)
    assert titles(now_and_next(schedule, at)) == ("Night Shift", "Dawn")


@override_settings(TIME_ZONE="Europe/London")
def test_a_one_off_takes_the_place_of_what_it_overlaps():
    special = slot("Election Night", time(20), time(23, 30), "once", date(2025, 3, 6))
    at = datetime(2025, 3, 6, 21, 0, tzinfo=LONDON)
    # Late Edition (22:00 to midnight) starts late, after the special.
    assert titles(now_and_next([*SCHEDULE, special], at)) == ("Election Night", "Late Edition")
    # Newsdesk Live (09:00 to 22:00) ends early, when the special starts.
    before = datetime(2025, 3, 6, 19, 0, tzinfo=LONDON)
    assert titles(now_and_next([*SCHEDULE, special], before)) == ("Newsdesk Live", "Election Night")
    current, _ = now_and_next([*SCHEDULE, special], before)
    assert current.ends_at.time() == time(20)
    next_day = datetime(2025, 3, 7, 21, 0, tzinfo=LONDON)
    assert titles(now_and_next([*SCHEDULE, special], next_day)) == ("Newsdesk Live", "Late Edition")


@override_settings(TIME_ZONE="Europe/London")
def test_the_schedule_follows_the_clocks_changing():
    # British Summer Time began at 01:00 UTC on 30 March 2025.
    at = datetime(2025, 3, 30, 8, 30, tzinfo=ZoneInfo("UTC"))  # 09:30 in London
    assert titles(now_and_next(SCHEDULE, at))[0] == "Newsdesk Live"


def test_an_empty_schedule_has_nothing_on():
    assert now_and_next([]) == (None, None)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"starts": time(9), "ends": time(9)}, "ends", "must end at a different time"),
        ({"repeats": "once"}, "date", "needs its date"),
        ({"date": date(2025, 1, 1)}, "date", "Only a one-off programme has a date"),
    ],
)
def test_a_slot_that_makes_no_sense_is_refused(fields, field, message):
    values = {"title": "News", "starts": time(9), "ends": time(10), **fields}
    with pytest.raises(ValidationError) as refused:
        ProgrammeSlot(**values).clean()
    assert message in " ".join(refused.value.message_dict[field])


@override_settings(TIME_ZONE="Europe/London")
def test_on_air_needs_the_stream_up_and_a_programme_on():
    evening = [slot("The Evening News", time(18), time(19))]
    during = datetime(2025, 3, 3, 18, 30, tzinfo=LONDON)
    before = datetime(2025, 3, 3, 10, 0, tzinfo=LONDON)
    on = air_state(True, evening, during)
    assert on.on_air and on.now.slot.title == "The Evening News"
    assert on.changes_at == datetime(2025, 3, 3, 19, 0, tzinfo=LONDON)
    between = air_state(True, evening, before)
    assert not between.on_air and between.now is None
    assert between.next.starts_at == between.changes_at == datetime(2025, 3, 3, 18, tzinfo=LONDON)
    switched_off = air_state(False, evening, during)
    assert not switched_off.on_air and switched_off.now is None
    assert switched_off.next.starts_at.day == 4  # tomorrow's: tonight's has begun


def test_without_a_schedule_the_stream_alone_says_on_or_off_air():
    assert air_state(True, []) == AirState(on_air=True, now=None, next=None, changes_at=None)
    assert not air_state(False, []).on_air


@pytest.mark.parametrize(
    ("first", "second", "clash"),
    [
        (slot("A", time(6), time(9), "weekdays"), slot("B", time(8), time(10)), True),
        (slot("A", time(6), time(9), "weekdays"), slot("B", time(6), time(9), "weekends"), False),
        (slot("A", time(6), time(9)), slot("B", time(9), time(10)), False),  # end to end
        (slot("A", time(22), time(1), "sun"), slot("B", time(0, 30), time(2), "mon"), True),
        (slot("A", time(22), time(1), "sat"), slot("B", time(0, 30), time(2), "mon"), False),
        (
            slot("A", time(20), time(23)),
            slot("B", time(21), time(22), "once", date(2025, 5, 1)),
            False,
        ),
        (
            slot("A", time(23), time(1), "once", date(2025, 5, 1)),
            slot("B", time(0), time(2), "once", date(2025, 5, 2)),
            True,
        ),
    ],
)
def test_programmes_on_at_the_same_time_clash(first, second, clash):
    assert bool(clashes([first, second])) is clash
