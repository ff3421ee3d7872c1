"""Supervised processes: each runs in its own process group (so a terminal's Ctrl-C
reaches only the supervisor, which stops them in order, grandchildren included), and one
that dies is started again after a back-off that doubles while it keeps dying."""

import contextlib
import logging
import os
import signal
import subprocess
import time
from dataclasses import dataclass

logger = logging.getLogger("newsdesk.worker")


@dataclass
class Child:
    name: str
    argv: list
    env: dict | None = None
    stdout: int | None = None  # subprocess.DEVNULL for a process whose stdout is chatter
    # False: a clean exit (status 0) is the process's own choice, e.g. "ffmpeg is missing".
    restart_after_success: bool = True
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    restart_at: float | None = None
    failures: int = 0
    restarts: int = 0

    def start(self):
        self.process = subprocess.Popen(
            self.argv, env=self.env, stdout=self.stdout, start_new_session=True
        )
        self.started_at = time.monotonic()
        self.restart_at = None

    def has_exited(self):
        return self.process is not None and self.process.poll() is not None


class Supervisor:
    def __init__(self, children, max_backoff=30.0, stable_after=60.0):
        self.children = children
        self.max_backoff = max_backoff
        self.stable_after = stable_after

    def start(self):
        for child in self.children:
            child.start()

    def child(self, name):
        return next(child for child in self.children if child.name == name)

    def watch(self):
        """Restart what died (once its back-off has passed); call it about once a second."""
        now = time.monotonic()
        for child in self.children:
            if child.restart_at is not None:
                if now >= child.restart_at:
                    child.restarts += 1
                    child.start()
            elif child.has_exited() and self.should_restart(child):
                self.schedule_restart(child, now)

    def should_restart(self, child):
        return child.process.returncode != 0 or child.restart_after_success

    def schedule_restart(self, child, now):
        if now - child.started_at >= self.stable_after:
            child.failures = 0
        delay = min(self.max_backoff, 2.0**child.failures)
        child.failures += 1
        child.restart_at = now + delay
        logger.warning(
            "%s stopped (%s); starting it again in %g s",
            child.name,
            describe_exit(child.process.returncode),
            delay,
        )

    def stop(self, timeout=10.0):
        """SIGTERM to every child's process group, then SIGKILL to what is left."""
        running = [child for child in self.children if child.process and not child.has_exited()]
        for child in running:
            signal_group(child.process, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for child in running:
            try:
                child.process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("%s did not stop in %g s; killing it", child.name, timeout)
        for child in self.children:
            if child.process:
                # Grandchildren (granian's workers, ffmpeg) go with their group.
                signal_group(child.process, signal.SIGKILL)
                child.process.wait()


def signal_group(process, signum):
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


def describe_exit(returncode):
    if returncode < 0:
        return f"killed by {signal.Signals(-returncode).name}"
    return f"exit status {returncode}"
