"""Live channels for readers: the header links whenever one exists, the channel page and
its player, the pop-out Audio Only player, now/next, and the locally made stream files.
Off air by the schedule, and when the page expires: test_on_air.py."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from newsdesk.live.validators import validate_stream_url

from .factories import LiveChannelFactory, ProgrammeSlotFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("on_air", [True, False])
def test_every_page_links_live_and_audio_only_whenever_a_channel_exists(client, news, on_air):
    channel = LiveChannelFactory(slug="newsdesk-live", on_air=on_air)
    for url in ("/", news.url):
        html = client.get(url).content.decode()
        assert f'href="{channel.get_absolute_url()}">Live</a>' in html
        assert f'href="{channel.listen_url}" target="_blank" data-live-popout' in html
        assert "live/popout.js" in html
        # The header says nothing of on or off air: no page has to expire when it changes.
        assert "live-dot" not in html


def test_no_header_links_without_a_channel_with_a_stream(client, db):
    assert "live-links" not in client.get("/").content.decode()
    LiveChannelFactory(stream_url="")
    assert "live-links" not in client.get("/").content.decode()


def test_a_channel_without_audio_only_offers_only_live(client, db):
    channel = LiveChannelFactory(audio_stream_url="")
    html = client.get("/").content.decode()
    assert f'href="{channel.get_absolute_url()}"' in html
    assert "Audio Only" not in html
    page = client.get(channel.get_absolute_url()).content.decode()
    assert "data-audio-switch" not in page


def test_the_header_links_the_channel_with_the_lowest_number(client, db):
    LiveChannelFactory(slug="second", sort_order=2)
    LiveChannelFactory(slug="first", sort_order=1, on_air=False)
    LiveChannelFactory(slug="no-stream", sort_order=0, stream_url="")
    assert 'href="/live/first/"' in client.get("/").content.decode()


def test_the_channel_page_has_a_player_that_works_without_javascript(client, db):
    channel = LiveChannelFactory(name="Newsdesk Live")
    html = client.get(channel.get_absolute_url()).content.decode()
    assert f'data-stream-url="{channel.stream_url}"' in html
    assert f'data-audio-url="{channel.audio_stream_url}"' in html
    assert "/static/live/vendor/hls.light.min.js" in html  # loaded only on play, from here
    assert (
        f'<video class="live-player__video" data-video controls playsinline preload="none" src="{channel.stream_url}"'
        in html
    )
    assert 'role="switch" aria-checked="false" data-audio-switch' in html
    assert "Open the stream in your own player" in html


def test_an_off_air_channel_says_so_and_plays_nothing(client, db):
    channel = LiveChannelFactory(name="Newsdesk Live", on_air=False)
    html = client.get(channel.get_absolute_url()).content.decode()
    assert "Off air — no programme is scheduled." in html
    assert "<video" not in html and "data-audio-switch" not in html


def test_the_channel_page_shows_now_and_next(client, db, settings):
    settings.TIME_ZONE = "UTC"
    channel = LiveChannelFactory()
    ProgrammeSlotFactory(channel=channel, title="All Day News", starts=time(0), ends=time(23, 59))
    ProgrammeSlotFactory(
        channel=channel, title="The Last Minute", starts=time(23, 59), ends=time(0)
    )
    html = client.get(channel.get_absolute_url()).content.decode()
    assert "All Day News" in html or "The Last Minute" in html
    status = client.get(reverse("live:channel_status", args=[channel.slug]))
    max_age = int(status["Cache-Control"].removeprefix("public, max-age="))
    assert 0 < max_age <= 30  # and no longer than until 23:59 or midnight
    data = status.json()
    assert data["on_air"] is True
    assert {data["now"]["title"], data["next"]["title"]} == {"All Day News", "The Last Minute"}


def test_the_pop_out_player_plays_the_audio_only_stream(client, db):
    channel = LiveChannelFactory(name="Newsdesk Live")
    html = client.get(channel.listen_url).content.decode()
    assert f'<audio data-audio controls preload="none" src="{channel.audio_stream_url}">' in html
    assert 'data-mode="audio"' in html
    assert '<header class="site-header"' not in html  # a compact window, not a page
    assert "Keep this window open" in html


def test_search_engines_are_pointed_from_the_pop_out_to_the_channel_page(client, db):
    channel = LiveChannelFactory(name="Newsdesk Live")
    html = client.get(channel.listen_url + "?utm_source=x").content.decode()
    assert f'<link rel="canonical" href="http://testserver{channel.get_absolute_url()}">' in html
    assert "noindex" not in html


def test_the_live_index_lists_channels_and_running_live_blogs(client, blog):
    channel = LiveChannelFactory(name="Newsdesk Live")
    html = client.get(reverse("live:index")).content.decode()
    assert channel.get_absolute_url() in html
    assert blog.url in html


def test_an_unknown_channel_is_not_found(client, db):
    assert client.get("/live/nothing-here/").status_code == 404
    assert client.get("/live/nothing-here/listen/").status_code == 404


@pytest.fixture
def stream_files(tmp_path):
    demo = tmp_path / "demo" / "video"
    demo.mkdir(parents=True)
    (demo / "index.m3u8").write_text("#EXTM3U\n#EXTINF:2.0,\nsegment-000001.ts\n")
    (demo / "segment-000001.ts").write_bytes(b"\x47" * 188)
    (tmp_path / "secret.txt").write_text("not a stream")
    with override_settings(NEWSDESK_LIVE_STREAMS_ROOT=str(tmp_path)):
        yield tmp_path


def test_playlists_are_never_cached_and_segments_are(client, stream_files):
    playlist = client.get("/live/streams/demo/video/index.m3u8")
    assert playlist["Content-Type"] == "application/vnd.apple.mpegurl"
    assert playlist["Cache-Control"] == "no-cache"
    segment = client.get("/live/streams/demo/video/segment-000001.ts")
    assert segment["Content-Type"] == "video/mp2t"
    assert segment["Cache-Control"] == "public, max-age=3600"


@pytest.mark.parametrize(
    "path",
    ["/live/streams/secret.txt", "/live/streams/../secret.txt", "/live/streams/demo/../../x.m3u8"],
)
def test_only_stream_files_inside_the_streams_folder_are_served(client, stream_files, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.example.com/live/master.m3u8",
        "http://192.168.1.20:8080/hls/index.m3u8",
        "https://cdn.example.com/manifest(format=m3u8-aapl)",
        "/live/streams/demo/video/index.m3u8",
    ],
)
def test_stream_urls_that_play(url):
    validate_stream_url(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "“javascript:” addresses cannot be played"),
        ("JavaScript:alert(1)", "“javascript:” addresses cannot be played"),
        ("data:application/vnd.apple.mpegurl;base64,AAAA", "“data:” addresses cannot be played"),
        ("file:///etc/passwd", "“file:” addresses cannot be played"),
        ("ftp://example.com/live.m3u8", "“ftp:” addresses cannot be played"),
        ("rtmp://ingest.example.com/live/key", "RTMP streams do not play in browsers"),
        ("srt://ingest.example.com:9000", "SRT streams do not play in browsers"),
        ("live/index.m3u8", "Give a full address starting with https://"),
        ("../index.m3u8", "Give a full address starting with https://"),
        ("//cdn.example.com/live.m3u8", "Give a full address starting with https://"),
        ("/live/../../etc/passwd", "not a valid address on this site"),
        ("https://cdn.example.com/live index.m3u8", "cannot contain spaces"),
        (" https://cdn.example.com/live.m3u8", "cannot contain spaces"),
        ("https://cdn.example.com/live.m3u8\n", "cannot contain spaces"),
        ("https://user:pw@cdn.example.com/live.m3u8", "Remove the user name and password"),
        ("https://", "This is not a valid web address."),
        ("https://exa mple.com/x.m3u8", "cannot contain spaces"),
        ("https://-bad-.example/x.m3u8", "This is not a valid web address."),
    ],
)
def test_malformed_stream_urls_are_refused_with_a_clear_message(url, message):
    with pytest.raises(ValidationError) as refused:
        validate_stream_url(url)
    assert message in refused.value.messages[0]
