"""The demo's channel, live blog and looping test stream."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.test import override_settings

from conftest import skip_or_fail
from newsdesk.live import teststream
from newsdesk.live.demo import ENTRIES, add_demo_channel, add_demo_live_blog
from newsdesk.live.models import LiveBlogPage, LiveChannel

pytestmark = pytest.mark.django_db


def test_the_demo_channel_is_made_once_off_air_with_a_schedule(db):
    channel = add_demo_channel()
    assert add_demo_channel() == channel
    assert LiveChannel.objects.count() == 1
    assert not channel.on_air
    assert channel.poster is not None
    assert channel.stream_url == "/live/streams/demo/video/index.m3u8"
    assert channel.audio_stream_url == "/live/streams/demo/audio/index.m3u8"
    air = channel.air_state()
    assert air.next is not None and air.changes_at is not None
    channel.on_air = True
    assert channel.air_state().now is not None  # the schedule covers the whole day


def test_the_demo_live_blog_has_a_dozen_updates(client, news):
    blog = add_demo_live_blog(news)
    assert add_demo_live_blog(news) == blog
    assert blog.live and blog.state == LiveBlogPage.State.LIVE
    assert blog.entries.count() == len(ENTRIES) == 12
    assert blog.entries.filter(key_event=True).count() >= 3
    assert blog.entries.filter(pinned=True).count() == 1
    html = client.get(blog.url).content.decode()
    assert "What we know so far" in html and "Amber warning issued" in html


def test_without_any_ffmpeg_the_stream_command_says_how_to_get_one(db, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(teststream, "bundled_ffmpeg", lambda: None)
    errors = io.StringIO()
    call_command("make_test_stream", stderr=errors)
    assert errors.getvalue().strip() == (
        "ffmpeg not found: apt-get install ffmpeg (or pip install imageio-ffmpeg, which ships "
        "one) to play the demo channel"
    )
    assert not LiveChannel.objects.get(slug="demo").on_air


def test_the_stream_command_puts_the_demo_channel_on_air_while_it_runs(db, tmp_path, monkeypatch):
    if not teststream.ffmpeg_path():
        skip_or_fail(teststream.FFMPEG_MISSING)
    on_air_when_ready = []
    wait_until_ready = teststream.LoopingStream.wait_until_ready

    def wait_and_look(stream, *args, **kwargs):
        wait_until_ready(stream, *args, **kwargs)
        on_air_when_ready.append(min(stream.segments("video"), stream.segments("audio")))

    monkeypatch.setattr(teststream.LoopingStream, "wait_until_ready", wait_and_look)
    output = io.StringIO()
    with override_settings(NEWSDESK_LIVE_STREAMS_ROOT=str(tmp_path)):
        call_command("make_test_stream", "--once", stdout=output)

    assert "Newsdesk Live is on air at /live/demo/" in output.getvalue()
    assert "Newsdesk Live is off air." in output.getvalue()  # and off again when it stops
    assert on_air_when_ready and on_air_when_ready[0] >= 2
    assert (tmp_path / "demo" / "video" / "index.m3u8").exists()
    assert (tmp_path / "demo" / "audio" / "index.m3u8").exists()
    assert not LiveChannel.objects.get(slug="demo").on_air
