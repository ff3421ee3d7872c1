import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Publish and unpublish scheduled pages every --interval seconds, until stopped. "
        "In production run it as its own process, or run `publish_scheduled` from a timer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=20, help="Seconds between runs.")
        parser.add_argument("--once", action="store_true", help="Run once and stop.")

    def handle(self, *args, interval, once, **options):
        if interval < 1:
            self.stderr.write("--interval must be at least 1 second.")
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        self.stdout.write(f"Scheduler: publishing scheduled pages every {interval} s.")
        while not stopping:
            call_command("publish_scheduled", verbosity=0)
            if once:
                return
            for _ in range(interval):  # short naps, so a stop request is honoured at once
                if stopping:
                    break
                time.sleep(1)
