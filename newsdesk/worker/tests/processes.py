"""Helpers for the tests that start real processes (a worker, the launcher) on a SQLite
file of their own: pytest's test database is in memory, where no other process sees it."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
SETTINGS = "newsdesk.worker.tests.subprocess_settings"


def site_environment(database):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(Path(database).parent / "media"),
    }
    env.pop("CI", None)
    return env


def manage(env, *args, timeout=300):
    return subprocess.run(
        [sys.executable, MANAGE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    ).stdout


def start_manage(env, *args, **popen):
    return subprocess.Popen([sys.executable, MANAGE, *args], env=env, **popen)


def rows(database, sql, *params):
    with sqlite3.connect(database, timeout=10) as connection:
        return connection.execute(sql, params).fetchall()


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def children(pid):
    """The pids whose parent is pid (from /proc: Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = read_stat(int(entry.name))
            if stat and stat[1] == pid:
                found.append(int(entry.name))
    return found


def descendants(pid):
    found = []
    for child in children(pid):
        found += [child, *descendants(child)]
    return found


def is_running(pid):
    stat = read_stat(pid)
    return stat is not None and stat[0] != "Z"


def read_stat(pid):
    """(state, parent pid) of a process, None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text.rsplit(")", 1)[1].split()
    return fields[0], int(fields[1])


def command_line(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (FileNotFoundError, ProcessLookupError):
        return ""
