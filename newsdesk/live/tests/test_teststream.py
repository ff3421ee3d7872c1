"""The demo channel's test stream on a machine with only Python: the ffmpeg that the
imageio-ffmpeg wheel ships, when Debian's is not on PATH, makes a playable HLS stream."""

import re
import subprocess

import imageio_ffmpeg
import pytest

from conftest import skip_or_fail
from newsdesk.live import teststream

TS_PACKET = 188
TS_SYNC_BYTE = 0x47


@pytest.fixture
def no_ffmpeg_on_path(tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_without_debians_ffmpeg_the_wheels_is_used(no_ffmpeg_on_path):
    assert teststream.ffmpeg_path() == imageio_ffmpeg.get_ffmpeg_exe()
    assert "imageio_ffmpeg" in teststream.ffmpeg_path()


def test_debians_ffmpeg_comes_first_when_on_path(tmp_path, monkeypatch):
    own = tmp_path / "ffmpeg"
    own.write_text("#!/bin/sh\n")
    own.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert teststream.ffmpeg_path() == str(own)


def test_a_wheel_without_a_binary_for_this_machine_is_no_encoder(no_ffmpeg_on_path, monkeypatch):
    def no_binary():
        raise RuntimeError("No ffmpeg exe could be found.")

    monkeypatch.setattr(imageio_ffmpeg, "get_ffmpeg_exe", no_binary)
    assert teststream.ffmpeg_path() is None
    with pytest.raises(FileNotFoundError, match="pip install imageio-ffmpeg"):
        teststream.LoopingStream("/nonexistent").start()


def playlist_segments(playlist):
    """(duration, file name) of each segment a live HLS media playlist lists."""
    lines = playlist.splitlines()
    assert lines[0] == "#EXTM3U"
    assert "#EXT-X-ENDLIST" not in lines  # a live playlist, still growing
    target = int(next(line for line in lines if line.startswith("#EXT-X-TARGETDURATION:"))[22:])
    assert target <= teststream.SEGMENT_SECONDS + 1
    durations = [
        float(re.match(r"#EXTINF:([\d.]+),", line)[1]) for line in lines if "EXTINF" in line
    ]
    names = [line for line in lines if line and not line.startswith("#")]
    assert len(durations) == len(names)
    return list(zip(durations, names, strict=True))


def assert_mpeg_ts(segment):
    data = segment.read_bytes()
    assert data and len(data) % TS_PACKET == 0
    assert all(data[offset] == TS_SYNC_BYTE for offset in range(0, len(data), TS_PACKET))


def streams_in(ffmpeg, segment):
    """What ffmpeg finds in a segment, decoding it whole (an error fails)."""
    decoded = subprocess.run(
        [ffmpeg, "-hide_banner", "-nostdin", "-i", str(segment), "-f", "null", "-"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert decoded.returncode == 0, decoded.stderr[-1000:]
    return re.findall(
        r"Stream #0:\d+\S*: (Video: \w+|Audio: \w+)", decoded.stderr.split("Output")[0]
    )


@pytest.mark.slow
def test_the_wheels_ffmpeg_makes_a_playable_live_stream(no_ffmpeg_on_path, tmp_path):
    ffmpeg = teststream.ffmpeg_path()
    if ffmpeg is None:
        skip_or_fail("imageio-ffmpeg has no ffmpeg for this machine")
    stream = teststream.LoopingStream(tmp_path / "demo")
    assert stream.ffmpeg == ffmpeg
    stream.start()
    try:
        stream.wait_until_ready(segments=3)
        playlists = {
            name: (tmp_path / "demo" / name / "index.m3u8").read_text()
            for name in ("video", "audio")
        }
        expected = {"video": ["Video: h264", "Audio: aac"], "audio": ["Audio: aac"]}
        for name, playlist in playlists.items():
            segments = playlist_segments(playlist)
            assert len(segments) >= 3
            for duration, file_name in segments[:3]:
                assert duration == pytest.approx(teststream.SEGMENT_SECONDS, abs=0.1)
                segment = tmp_path / "demo" / name / file_name
                assert_mpeg_ts(segment)
                assert streams_in(ffmpeg, segment) == expected[name]
    finally:
        stream.stop()
