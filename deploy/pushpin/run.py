"""Pushpin for newsdesk's live blog readers: its configuration (pushpin.conf beside this
file) written into a folder of its own, started, waited for. Used by the cluster profile
(deploy/cluster/run.py), newsdesk/live/tests/test_pushpin.py and bench/live_pushpin.py.
"""

import json
import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError
from urllib.request import Request, urlopen

HERE = Path(__file__).resolve().parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PushpinPorts:
    http: int  # readers' streams
    publish: int  # the app's GRIP_URL
    push: int
    push_sub: int
    command: int

    @classmethod
    def free(cls):
        return cls(free_port(), free_port(), free_port(), free_port(), free_port())


def installed():
    return shutil.which("pushpin") is not None


MESSAGE_RATE = 20_000


def write_config(work_dir, ports, origin, sig_key, message_rate=MESSAGE_RATE):
    """pushpin.conf and its routes in work_dir, every request sent on to origin
    (host:port); returns the config's path."""
    work_dir = Path(work_dir)
    for child in ("run", "log"):
        (work_dir / child).mkdir(parents=True, exist_ok=True)
    routes = work_dir / "routes"
    routes.write_text(f"* {origin}\n")
    config = work_dir / "pushpin.conf"
    config.write_text(
        (HERE / "pushpin.conf")
        .read_text()
        .format(
            run_dir=work_dir / "run",
            log_dir=work_dir / "log",
            routes=routes,
            http_port=ports.http,
            publish_port=ports.publish,
            push_port=ports.push,
            push_sub_port=ports.push_sub,
            command_port=ports.command,
            sig_key=sig_key,
            message_rate=message_rate,
        )
    )
    return config


def argv(config):
    return ["pushpin", "--config", str(config)]


def grip_url(ports, sig_key):
    """What the app's GRIP_URL is for this Pushpin."""
    return f"http://127.0.0.1:{ports.publish}/?key={sig_key}"


def publish_endpoint_answers(ports, timeout=2):
    request = Request(
        f"http://127.0.0.1:{ports.publish}/publish/",
        data=json.dumps({"items": []}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urlopen(request, timeout=timeout) as response:
            return response.status == 200
    except (OSError, URLError):
        return False


def wait_until_ready(ports, timeout=30, process=None):
    """Both sides up: the publish endpoint takes a publish and readers' port accepts."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"pushpin stopped (status {process.returncode})")
        if publish_endpoint_answers(ports, timeout=1):
            try:
                socket.create_connection(("127.0.0.1", ports.http), timeout=1).close()
                return
            except OSError:
                pass
        time.sleep(0.1)
    raise TimeoutError(f"pushpin did not answer on {ports.http}/{ports.publish}")
