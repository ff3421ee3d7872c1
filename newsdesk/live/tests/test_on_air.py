"""A channel off air says when it is next on, in the newsroom's zone, with no "live" or
"now" on the page; on air it plays. No cache keeps its pages past the next switch."""

import time as clock
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from newsdesk.caching.conf import cache_settings

from .factories import LiveChannelFactory, ProgrammeSlotFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]

LONDON = ZoneInfo("Europe/London")
# Long enough for the page cache's TTL never to be the shorter bound in these tests.
DAY = 24 * 3600


@pytest.fixture
def london(settings):
    settings.TIME_ZONE = "Europe/London"


@pytest.fixture
def at(monkeypatch):
    """Set the clock to a moment in London."""

    def set_clock(*fields):
        moment = datetime(*fields, tzinfo=LONDON)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_clock


@pytest.fixture
def evening(db):
    """On air only for the evening news, 18:00 to 19:00 every day."""
    channel = LiveChannelFactory(name="Harbour TV", slug="harbour", on_air=True)
    ProgrammeSlotFactory(channel=channel, title="The Evening News", starts=time(18), ends=time(19))
    return channel


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.content.decode()


def shared_lifetime(response):
    directives = dict(
        part.strip().partition("=")[::2] for part in response["Cache-Control"].split(",")
    )
    return int(directives["s-maxage"])


def assert_nothing_says_live_or_now(html):
    assert "live-dot" not in html  # the pulsing on-air dot
    assert "On air<" not in html and ">Now<" not in html and "is-on-air" not in html
    assert "LIVE" not in html
    assert "<video" not in html and "<audio" not in html and "data-play" not in html


@override_settings(NEWSDESK_CACHE_TTL=DAY)
def test_off_air_the_channel_page_says_when_it_is_next_on(client, evening, at):
    at(2025, 3, 3, 10, 0)  # a Monday morning
    response, html = page(client, evening.get_absolute_url())
    assert (
        "Off air — next on air: "
        '<span class="off-air__title" dir="auto">The Evening News</span> at '
        '<time datetime="2025-03-03T18:00:00+00:00">18:00</time>'
    ) in html
    assert_nothing_says_live_or_now(html)
    assert f'href="{evening.get_absolute_url()}">Live</a>' in html  # the header still links it
    assert "<title>Harbour TV: off air" in html
    # Kept until 18:00, when it goes on air, and no longer.
    assert shared_lifetime(response) == 8 * 3600
    assert 'data-changes-at="2025-03-03T18:00:00+00:00"' in html


@override_settings(NEWSDESK_CACHE_TTL=DAY)
def test_during_its_programme_the_channel_plays_until_the_programme_ends(client, evening, at):
    at(2025, 3, 3, 18, 30)
    response, html = page(client, evening.get_absolute_url())
    assert "<video" in html and "live-dot" in html and ">Now<" in html
    assert "The Evening News" in html and "Off air" not in html
    assert shared_lifetime(response) == 30 * 60  # off air at 19:00


def test_a_stream_switched_off_is_off_air_even_during_a_programme(client, evening, at):
    evening.on_air = False
    evening.save()
    at(2025, 3, 3, 18, 30)
    _, html = page(client, evening.get_absolute_url())
    assert "Off air — next on air:" in html
    assert '<time datetime="2025-03-04T18:00:00+00:00">18:00 on Tuesday</time>' in html
    assert_nothing_says_live_or_now(html)


def test_the_next_programme_tomorrow_names_the_weekday(client, evening, at):
    at(2025, 3, 3, 20, 0)  # Monday evening, after the news
    _, html = page(client, evening.get_absolute_url())
    assert '<time datetime="2025-03-04T18:00:00+00:00">18:00 on Tuesday</time>' in html


def test_a_programme_a_week_away_names_the_date_too(client, at):
    channel = LiveChannelFactory(slug="weekly")
    ProgrammeSlotFactory(
        channel=channel, title="Monday Review", starts=time(6), ends=time(7), repeats="mon"
    )
    at(2025, 3, 3, 8, 0)  # a Monday, after this week's
    _, html = page(client, channel.get_absolute_url())
    assert "06:00 on Monday 10 March</time>" in html


@override_settings(NEWSDESK_CACHE_TTL=DAY)
@pytest.mark.parametrize(
    ("moment", "datetime_attribute", "seconds"),
    [
        # The clocks go back at 02:00 BST on 26 October 2025: 06:00 is GMT, 7½ hours on.
        ((2025, 10, 25, 23, 30), "2025-10-26T06:00:00+00:00", 7.5 * 3600),
        # They go forward at 01:00 GMT on 30 March 2025: 06:00 is BST, 6 hours on.
        ((2025, 3, 29, 23, 0), "2025-03-30T06:00:00+01:00", 6 * 3600),
    ],
)
def test_after_the_clocks_change_the_next_programme_is_at_its_wall_clock_time(
    client, at, moment, datetime_attribute, seconds
):
    channel = LiveChannelFactory(slug="sundays")
    ProgrammeSlotFactory(
        channel=channel, title="Sunday Breakfast", starts=time(6), ends=time(9), repeats="sun"
    )
    at(*moment)  # Saturday night
    response, html = page(client, channel.get_absolute_url())
    assert f'<time datetime="{datetime_attribute}">06:00 on Sunday</time>' in html
    assert shared_lifetime(response) == seconds


def test_with_nothing_scheduled_ahead_it_says_so_plainly(client, at):
    channel = LiveChannelFactory(slug="specials", on_air=True)
    ProgrammeSlotFactory(
        channel=channel,
        title="Election Night",
        starts=time(20),
        ends=time(23),
        repeats="once",
        date=date(2025, 3, 1),
    )
    at(2025, 3, 3, 10, 0)  # two days after the one-off
    response, html = page(client, channel.get_absolute_url())
    assert "Off air — no programme is scheduled." in html
    assert "No programme is scheduled" in html
    assert "Election Night" not in html
    assert_nothing_says_live_or_now(html)
    assert "data-changes-at" not in html  # only an edit (which purges) puts it back on
    assert shared_lifetime(response) == cache_settings.TTL  # the page cache's own choice


def test_a_channel_without_a_schedule_is_on_air_while_its_stream_is(client, db):
    channel = LiveChannelFactory(slug="rolling", strapline="Rolling news")
    _, html = page(client, channel.get_absolute_url())
    assert "<video" in html and "Rolling news" in html and "Nothing scheduled" in html


def test_the_pop_out_player_off_air_plays_nothing_and_says_when(client, evening, at):
    at(2025, 3, 3, 10, 0)
    response, html = page(client, evening.listen_url)
    assert "Off air — next on air:" in html and ">18:00</time>" in html
    assert_nothing_says_live_or_now(html)
    assert shared_lifetime(response) == min(8 * 3600, cache_settings.TTL)


def test_the_live_index_tells_each_channel_apart(client, evening, at):
    LiveChannelFactory(name="Rolling News", slug="rolling")
    at(2025, 3, 3, 10, 0)
    _, html = page(client, reverse("live:index"))
    harbour, rolling = html.split('<li class="channel-card')[1:3]  # in order of name
    assert "On air" in rolling
    assert "Off air — next on air:" in harbour and "live-dot" not in harbour


def test_the_status_players_ask_for_changes_at_the_next_switch(client, evening, at):
    at(2025, 3, 3, 17, 59, 50)
    status = client.get(reverse("live:channel_status", args=[evening.slug]))
    assert status["Cache-Control"] == "public, max-age=10"
    data = status.json()
    assert data["on_air"] is False and data["now"] is None
    assert data["next"]["label"] == "18:00" and data["next"]["title"] == "The Evening News"
    assert data["changes_at"] == "2025-03-03T18:00:00+00:00"
    at(2025, 3, 3, 18, 0, 1)
    data = client.get(reverse("live:channel_status", args=[evening.slug])).json()
    assert data["on_air"] is True and data["now"]["label"] == "18:00–19:00"  # noqa: RUF001


@pytest.fixture
def page_cache():
    with override_settings(NEWSDESK_CACHE_ENABLED=True, NEWSDESK_CACHE_FRAGMENTS=True):
        caches["pages"].clear()
        yield
        caches["pages"].clear()


def test_the_page_cache_gives_no_off_air_page_past_the_start_of_the_programme(
    client, evening, at, page_cache
):
    at(2025, 3, 3, 17, 59, 59)
    first = client.get(evening.get_absolute_url())
    assert first["X-Cache"] == "MISS" and "Off air" in first.content.decode()
    assert shared_lifetime(first) == 1
    assert client.get(evening.get_absolute_url())["X-Cache"] == "HIT"
    clock.sleep(1.1)  # the stored page's lifetime passes...
    at(2025, 3, 3, 18, 0, 1)  # ...and the programme starts
    html = client.get(evening.get_absolute_url()).content.decode()
    assert "<video" in html and "Off air" not in html
