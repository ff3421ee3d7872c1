"""Which task workers are alive: each beats into the Heartbeat table; a worker is gone
once its beat is stale, or at once when it ran on this machine and its process is gone."""

import os
import socket
from datetime import timedelta

from django.utils import timezone

from .conf import worker_settings
from .models import Heartbeat


def this_host():
    """The machine and process namespace a pid means something in: containers that share a
    host name (or the host's network) can each have their own pids."""
    try:
        namespace = os.stat("/proc/self/ns/pid").st_ino
    except OSError:  # not Linux: the host name alone
        return socket.gethostname()
    return f"{socket.gethostname()}/pid:{namespace}"


def beat(worker_id):
    now = timezone.now()
    here = {"beat_at": now, "hostname": this_host(), "pid": os.getpid()}
    Heartbeat.objects.update_or_create(
        worker_id=worker_id, defaults=here, create_defaults={**here, "started_at": now}
    )


def forget(worker_id):
    Heartbeat.objects.filter(worker_id=worker_id).delete()


def stale_before():
    return timezone.now() - timedelta(seconds=worker_settings.STALE_SECONDS)


def alive():
    """The heartbeats of the workers that are alive."""
    return [
        beat for beat in Heartbeat.objects.filter(beat_at__gte=stale_before()) if is_alive(beat)
    ]


def is_alive(beat):
    return beat.beat_at >= stale_before() and not died_here(beat)


def died_here(beat):
    return beat.hostname == this_host() and not process_exists(beat.pid)


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True
