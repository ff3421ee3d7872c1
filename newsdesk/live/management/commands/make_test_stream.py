import signal
import time

from django.core.management.base import BaseCommand

from newsdesk.live.conf import live_settings
from newsdesk.live.demo import add_demo_channel, demo_stream_channels
from newsdesk.live.teststream import FFMPEG_MISSING, LoopingStream, ffmpeg_path

RESTART_AFTER_SECONDS = 2


class Command(BaseCommand):
    help = (
        "Make the demo channel's live HLS stream with ffmpeg (test picture and tone, with an "
        "Audio Only rendition) under MEDIA_ROOT/live/demo/, served at /live/streams/demo/, "
        "until stopped. The demo channel (and each edition's, on the same stream) is on air "
        "while it runs. Without ffmpeg it says how to install it and leaves them off air."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Stop as soon as the stream is ready (for checks); the channel goes off air.",
        )

    def handle(self, *args, once, **options):
        channel = add_demo_channel()
        if not ffmpeg_path():
            set_on_air(channel, False)
            self.stderr.write(FFMPEG_MISSING)
            return
        stopping = []
        for sign in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sign, lambda *_: stopping.append(True))
        stream = LoopingStream(live_settings.streams_root / channel.slug)
        try:
            self.run(stream, channel, stopping, once)
        finally:
            stream.stop()
            set_on_air(channel, False)
            self.stdout.write(f"Test stream stopped; {channel.name} is off air.")

    def run(self, stream, channel, stopping, once):
        while not stopping:
            stream.start()
            try:
                stream.wait_until_ready(segments=2)
            except (RuntimeError, TimeoutError) as error:
                self.stderr.write(f"The test stream did not start: {error}")
                time.sleep(RESTART_AFTER_SECONDS)
                continue
            set_on_air(channel, True)
            self.stdout.write(
                f"Test stream running: {channel.name} is on air at {channel.get_absolute_url()}"
            )
            if once:
                return
            while not stopping and stream.is_running():
                time.sleep(0.5)
            if not stopping:
                # ffmpeg died: readers' players show "retrying" until it is back.
                self.stderr.write(f"ffmpeg stopped ({stream.error_output()}); restarting.")
                set_on_air(channel, False)
                stream.stop()
                time.sleep(RESTART_AFTER_SECONDS)


def set_on_air(channel, on_air):
    """The demo channel, and the editions' channels that play the same stream."""
    for each in {channel, *demo_stream_channels()}:
        each.on_air = on_air
        each.save(update_fields=["on_air"])  # saved, not updated: the page cache is purged
