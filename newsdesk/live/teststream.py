"""A looping HLS test stream made by ffmpeg: test picture and tone, for the demo and tests.

One ffmpeg process encodes, in real time, a video rendition (H.264 and AAC in MPEG-TS
segments) and an audio-only rendition (AAC), each as a live playlist with a sliding window
of segments, under <directory>/video/ and <directory>/audio/.

The encoder is Debian's ffmpeg when it is on PATH, else the static build the
imageio-ffmpeg wheel ships, so a machine with only Python plays the demo channel.
"""

import shutil
import subprocess
import time
from pathlib import Path

import imageio_ffmpeg

FFMPEG_MISSING = (
    "ffmpeg not found: apt-get install ffmpeg (or pip install imageio-ffmpeg, which ships "
    "one) to play the demo channel"
)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
SEGMENT_SECONDS = 2
WINDOW_SEGMENTS = 6


def ffmpeg_path():
    """Debian's ffmpeg, else the wheel's; None when neither is there."""
    return shutil.which("ffmpeg") or bundled_ffmpeg()


def bundled_ffmpeg():
    try:
        return imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError:  # no binary for this platform in the installed wheel
        return None


def picture_filter():
    """The test pattern with a caption and a running clock, if ffmpeg can draw text."""
    if not FONT.exists():
        return "null"
    text = f"drawtext=fontfile={FONT}:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=10"
    return ",".join(
        [
            f"{text}:fontsize=24:x=24:y=h-th-24:text='THE NEWSDESK  TEST SIGNAL'",
            f"{text}:fontsize=24:x=w-tw-24:y=h-th-24:text='%{{localtime\\:%T}}'",
        ]
    )


def hls_output(directory, name):
    folder = directory / name
    return [
        "-f", "hls",
        "-hls_time", str(SEGMENT_SECONDS),
        "-hls_list_size", str(WINDOW_SEGMENTS),
        # Old segments go; readers always get a live window, and the disk does not fill.
        "-hls_flags", "delete_segments+independent_segments+temp_file",
        "-hls_segment_filename", str(folder / "segment-%06d.ts"),
        str(folder / "index.m3u8"),
    ]  # fmt: skip


def ffmpeg_command(directory, ffmpeg="ffmpeg"):
    directory = Path(directory)
    frames = 25
    return [
        ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin",
        "-re", "-f", "lavfi", "-i", f"testsrc2=size=640x360:rate={frames}",
        "-re", "-f", "lavfi", "-i", "sine=frequency=440:beep_factor=4:sample_rate=48000",
        "-filter_complex", f"[0:v]{picture_filter()}[picture];[1:a]volume=0.3,asplit[tone][audio-only]",
        # The video rendition: keyframes on segment boundaries, so every segment starts clean.
        "-map", "[picture]", "-map", "[tone]",
        "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-profile:v", "main",
        "-pix_fmt", "yuv420p", "-g", str(frames * SEGMENT_SECONDS), "-sc_threshold", "0",
        "-b:v", "700k", "-maxrate", "800k", "-bufsize", "1400k",
        "-c:a", "aac", "-b:a", "96k", "-ac", "2",
        *hls_output(directory, "video"),
        # The audio-only rendition, for Audio Only: a fraction of the data.
        "-map", "[audio-only]", "-c:a", "aac", "-b:a", "64k", "-ac", "2",
        *hls_output(directory, "audio"),
    ]  # fmt: skip


class LoopingStream:
    """ffmpeg writing the test stream into a directory, from start() until stop()."""

    def __init__(self, directory, ffmpeg=None):
        self.directory = Path(directory)
        self.ffmpeg = ffmpeg or ffmpeg_path()
        self.process = None

    def start(self):
        if not self.ffmpeg:
            raise FileNotFoundError(FFMPEG_MISSING)
        # Leftovers of an earlier run would be served as if they were live.
        shutil.rmtree(self.directory, ignore_errors=True)
        for name in ("video", "audio"):
            (self.directory / name).mkdir(parents=True)
        self.process = subprocess.Popen(
            ffmpeg_command(self.directory, self.ffmpeg),
            stdin=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def is_running(self):
        return self.process is not None and self.process.poll() is None

    def segments(self, name):
        playlist = self.directory / name / "index.m3u8"
        try:
            lines = playlist.read_text().splitlines()
        except FileNotFoundError:
            return 0
        return sum(1 for line in lines if line.endswith(".ts"))

    def wait_until_ready(self, segments=3, timeout=30):
        """Block until both playlists list enough segments for a player to start."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.is_running():
                raise RuntimeError(f"ffmpeg stopped: {self.error_output()}")
            if min(self.segments("video"), self.segments("audio")) >= segments:
                return
            time.sleep(0.25)
        raise TimeoutError(f"The test stream had too few segments after {timeout} s")

    def error_output(self):
        if self.process is None or self.process.poll() is None:
            return ""
        return self.process.stderr.read().decode(errors="replace").strip()[-2000:]

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stderr.close()
        self.process = None
