"""What a channel shows now and next, from its programme slots.

Slots repeat every week on some days (every day, weekdays, Mondays...) at a time of day
in the newsroom's zone, or air once on a date. A slot whose end is earlier than its start
runs past midnight. A one-off programme takes the place of what it overlaps, as a special
does on a broadcast schedule: the regular programmes around it end early or start late.

A channel is on air while its stream is up and a programme is scheduled (all the time when
it has no schedule); air_state() says so, what is on and next, and when that changes.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

# Monday is 0, as in date.weekday().
WEEKDAYS = {
    "daily": frozenset(range(7)),
    "weekdays": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
    "mon": frozenset({0}),
    "tue": frozenset({1}),
    "wed": frozenset({2}),
    "thu": frozenset({3}),
    "fri": frozenset({4}),
    "sat": frozenset({5}),
    "sun": frozenset({6}),
}
ONCE = "once"
# How far ahead "next" is looked for: a weekly programme always shows up within this.
LOOK_AHEAD_DAYS = 8
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Showing:
    """One airing of a slot, as aware datetimes."""

    slot: object
    starts_at: datetime
    ends_at: datetime

    @property
    def is_one_off(self):
        return self.slot.repeats == ONCE

    def covers(self, moment):
        return self.starts_at <= moment < self.ends_at


def airs_on(slot, day):
    if slot.repeats == ONCE:
        return slot.date == day
    return day.weekday() in WEEKDAYS.get(slot.repeats, ())


def showing_on(slot, day, zone):
    starts_at = datetime.combine(day, slot.starts, tzinfo=zone)
    ends_at = datetime.combine(day, slot.ends, tzinfo=zone)
    if ends_at <= starts_at:
        ends_at += timedelta(days=1)
    return Showing(slot, starts_at, ends_at)


def showings_around(slots, now):
    """Every airing from yesterday (a late show may still run) to a week ahead, in order,
    with the regular programmes cut around the one-offs."""
    zone = timezone.get_current_timezone()
    today = timezone.localdate(now, zone)
    days = [today + timedelta(days=offset) for offset in range(-1, LOOK_AHEAD_DAYS)]
    showings = [showing_on(slot, day, zone) for day in days for slot in slots if airs_on(slot, day)]
    one_offs = [showing for showing in showings if showing.is_one_off]
    kept = list(one_offs)
    for showing in showings:
        if not showing.is_one_off:
            kept += cut_around(showing, one_offs)
    return sorted(kept, key=lambda showing: (showing.starts_at, showing.ends_at))


def cut_around(showing, one_offs):
    """What is left of a regular showing once the one-offs have taken their time."""
    pieces = [(showing.starts_at, showing.ends_at)]
    for special in one_offs:
        pieces = [
            piece
            for start, end in pieces
            for piece in (
                [(start, end)]
                if special.ends_at <= start or special.starts_at >= end
                else [(start, special.starts_at), (special.ends_at, end)]
            )
        ]
    return [Showing(showing.slot, start, end) for start, end in pieces if end > start]


def now_and_next(slots, now=None):
    """(the showing on air at `now`, the one after it); either may be None."""
    # In UTC: datetimes of one zone compare by wall-clock time, wrong when the clocks change.
    now = (now or timezone.now()).astimezone(UTC)
    showings = showings_around(slots, now)
    current = next((showing for showing in reversed(showings) if showing.covers(now)), None)
    upcoming = next((showing for showing in showings if showing.starts_at > now), None)
    return current, upcoming


@dataclass(frozen=True)
class AirState:
    """A channel at one moment: on air or not, the programme on air, the next to start,
    and the next moment any of that changes (None: only an edit of the channel changes it)."""

    on_air: bool
    now: Showing | None
    next: Showing | None
    changes_at: datetime | None


def air_state(broadcasting, slots, now=None):
    """Where `broadcasting` is whether the channel's stream is up (its on_air switch)."""
    now = now or timezone.now()
    current, upcoming = now_and_next(slots, now)
    on_air = broadcasting and (current is not None or not slots)
    boundaries = [current and current.ends_at, upcoming and upcoming.starts_at]
    return AirState(
        on_air=on_air,
        now=current if on_air else None,
        next=upcoming,
        changes_at=min((moment for moment in boundaries if moment), default=None),
    )


# --- checking a schedule ----------------------------------------------------------------


def duration(slot):
    starts = datetime.combine(date.min, slot.starts)
    ends = datetime.combine(date.min, slot.ends)
    return ends - starts if ends > starts else ends + timedelta(days=1) - starts


def spans(slot):
    """When a slot is on: for a one-off, its datetimes; for a weekly one, offsets from
    Monday 00:00 of any week."""
    if slot.repeats == ONCE:
        starts = datetime.combine(slot.date, slot.starts)
        return [(starts, starts + duration(slot))]
    time_of_day = datetime.combine(date.min, slot.starts) - datetime.min
    return [
        (timedelta(days=day) + time_of_day, timedelta(days=day) + time_of_day + duration(slot))
        for day in sorted(WEEKDAYS.get(slot.repeats, ()))
    ]


def spans_meet(first, second, shifts):
    return any(
        a_start < b_end + shift and b_start + shift < a_end
        for a_start, a_end in first
        for b_start, b_end in second
        for shift in shifts
    )


def clashes(slots):
    """The pairs of slots on air at the same time: two weekly programmes on a day they both
    air (Sunday's late show runs into Monday), or two one-offs. A one-off over a weekly
    programme is no clash: it takes its place."""
    found = []
    for index, first in enumerate(slots):
        for second in slots[index + 1 :]:
            if (first.repeats == ONCE) != (second.repeats == ONCE):
                continue
            weekly = first.repeats != ONCE
            shifts = (-WEEK, timedelta(0), WEEK) if weekly else (timedelta(0),)
            if spans_meet(spans(first), spans(second), shifts):
                found.append((first, second))
    return found
