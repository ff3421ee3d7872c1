"""Live blog readers held by Pushpin: how fast an entry reaches 10,000 of them, and what
each process holds in memory meanwhile.

Run with `.venv/bin/python bench/live_pushpin.py` (`make bench-pushpin`); never part of the
test suite (newsdesk/live/tests/test_pushpin.py is its small cousin). Loopback only,
bounded in time (a few minutes; --connect-timeout caps the connecting). It:

  1. migrates a throwaway SQLite database in a temporary folder and publishes a live blog;
  2. starts granian (WSGI, --workers) with bench/settings.py and GRIP_URL, and Pushpin
     (deploy/pushpin/) in front of it, on free loopback ports;
  3. opens --readers SSE connections to Pushpin from --clients processes (raw asyncio
     sockets), each answered by the app and then held by Pushpin alone;
  4. reads the resident memory of Pushpin's processes and of the app's;
  5. posts one entry to warm up, then --posts entries through actions.do_post_entry in this process (the commit,
     then the publish to Pushpin, as an editor's post does) and times, per reader, from
     just before the call to the moment the entry's bytes arrive;
  6. prints the share of deliveries within 1 s, p50/p95/p99/max, and memory per process.

The clients share the two cores with Pushpin and the app, so the figures are on the
pessimistic side. Needs Debian's pushpin.
"""

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.live_sse import percentile, prepare_database, raise_open_file_limit  # noqa: E402
from deploy.pushpin import run as pushpin  # noqa: E402

READERS = 10_000
CLIENTS = 2
POSTS = 5
CONNECT_CONCURRENCY = 200
DEADLINE = 1.0
POSTED_AT = []  # wall-clock time of each post, to compare with Pushpin's log
SIG_KEY = "bench-only-pushpin-sig-key-of-32-bytes"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=READERS)
    parser.add_argument("--clients", type=int, default=CLIENTS, help="reader processes")
    parser.add_argument("--posts", type=int, default=POSTS)
    parser.add_argument("--workers", type=int, default=2, help="granian workers")
    parser.add_argument("--connect-timeout", type=float, default=300)
    parser.add_argument("--keep", action="store_true", help="keep the folder and its logs")
    parser.add_argument(
        "--message-rate", type=int, default=pushpin.MESSAGE_RATE, help="Pushpin's deliveries/s"
    )
    args = parser.parse_args()
    if not pushpin.installed():
        raise SystemExit("pushpin not found: apt-get install pushpin")
    raise_open_file_limit()
    work_dir = Path(tempfile.mkdtemp(prefix="newsdesk-pushpin-bench-"))
    try:
        ports = pushpin.PushpinPorts.free()
        app_port = pushpin.free_port()
        env = bench_environment(work_dir, pushpin.grip_url(ports, SIG_KEY))
        os.environ.update(env)
        blog_id = prepare_database()
        config = pushpin.write_config(
            work_dir / "pushpin", ports, f"127.0.0.1:{app_port}", SIG_KEY, args.message_rate
        )
        app = start(app_argv(app_port, args.workers), work_dir / "app.log")
        proxy = start(pushpin.argv(config), work_dir / "pushpin.log")
        try:
            pushpin.wait_until_ready(ports, process=proxy)
            wait_for_app(app_port)
            result = run(args, ports.http, blog_id, app, proxy)
            result["to_pushpin"] = seconds_to_pushpin(work_dir / "pushpin" / "log")
        finally:
            for process in (proxy, app):
                stop(process)
    finally:
        if args.keep:
            print(f"logs in {work_dir}")
        else:
            shutil.rmtree(work_dir, ignore_errors=True)
    print_report(result, args)


def bench_environment(work_dir, grip_url):
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "NEWSDESK_BENCH_DIR": str(work_dir),
        "DATABASE_URL": f"sqlite:///{work_dir / 'bench.sqlite3'}",
        "GRIP_URL": grip_url,
        "PYTHONPATH": str(ROOT),
    }


def app_argv(port, workers):
    return [
        str(Path(sys.executable).parent / "granian"),
        "--interface", "wsgi",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--workers", str(workers),
        "--backlog", "4096",
        "--no-access-log",
        "--log-level", "warning",
        "newsdesk.wsgi:application",
    ]  # fmt: skip


def start(argv, log_path):
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            argv, cwd=ROOT, env=os.environ, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_for_app(port, timeout=60):
    from urllib.request import urlopen

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urlopen(f"http://127.0.0.1:{port}/healthz/database/", timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the app did not start")


# --- the readers, in processes of their own ----------------------------------------------


def reader_process(port, blog_id, count, connect_timeout, pipe):
    """Opens `count` streams, says how many started, then on request sends back when each
    entry id reached each reader (time.monotonic(), the same clock in every process)."""
    raise_open_file_limit()
    asyncio.run(hold_readers(port, blog_id, count, connect_timeout, pipe))


async def hold_readers(port, blog_id, count, connect_timeout, pipe):
    readers = [StreamReader() for _ in range(count)]
    limit = asyncio.Semaphore(CONNECT_CONCURRENCY // 2)

    async def connect(reader):
        async with limit:
            try:
                await reader.connect(port, blog_id)
                await asyncio.wait_for(reader.started.wait(), 60)
            except (OSError, TimeoutError):
                reader.failed = True

    with contextlib.suppress(TimeoutError):  # those that started by then are measured
        await asyncio.wait_for(
            asyncio.gather(*(connect(reader) for reader in readers)), connect_timeout
        )
    pipe.send(sum(1 for reader in readers if reader.started.is_set()))
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, pipe.recv)  # "collect"
    pipe.send([reader.received for reader in readers if reader.started.is_set()])
    for reader in readers:
        reader.close()


class StreamReader:
    """One SSE connection through Pushpin: when each entry id first arrived."""

    def __init__(self):
        self.received = {}
        self.started = asyncio.Event()
        self.failed = False
        self.writer = None
        self.task = None
        self.buffer = b""

    async def connect(self, port, blog_id):
        stream, self.writer = await asyncio.open_connection("127.0.0.1", port)
        self.writer.write(
            f"GET /live/blog/{blog_id}/events/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        await self.writer.drain()
        self.task = asyncio.create_task(self.read(stream))

    async def read(self, stream):
        while chunk := await stream.read(65536):
            now = time.monotonic()
            self.buffer += chunk
            if not self.started.is_set() and b"retry:" in self.buffer:
                self.started.set()
            while b'"entry":' in self.buffer:
                _, _, rest = self.buffer.partition(b'"entry":')
                head, comma, tail = rest.partition(b",")
                if not comma:
                    break
                self.received.setdefault(int(head), now)
                self.buffer = tail

    def close(self):
        if self.task is not None:
            self.task.cancel()
        if self.writer is not None:
            self.writer.close()


# --- the run -----------------------------------------------------------------------------


def run(args, port, blog_id, app, proxy):
    context = multiprocessing.get_context("fork")
    shares = [args.readers // args.clients] * args.clients
    shares[0] += args.readers - sum(shares)
    pipes, clients = [], []
    connect_started = time.monotonic()
    for share in shares:
        ours, theirs = context.Pipe()
        client = context.Process(
            target=reader_process, args=(port, blog_id, share, args.connect_timeout, theirs)
        )
        client.start()
        pipes.append(ours)
        clients.append(client)
    connected = sum(pipe.recv() for pipe in pipes)
    connect_seconds = time.monotonic() - connect_started
    time.sleep(3)  # Pushpin's first look at each new hold's prev-id settles
    memory = {
        "pushpin": processes_rss_kb(proxy.pid),
        "app": processes_rss_kb(app.pid),
    }
    # One entry first, not measured: this process's first render and publish are slower.
    post_entry(blog_id, -1)
    time.sleep(DEADLINE + 2)
    posted = []
    for number in range(args.posts):
        posted.append(post_entry(blog_id, number))
        time.sleep(DEADLINE + 2)
    for pipe in pipes:
        pipe.send("collect")
    received = [times for pipe in pipes for times in pipe.recv()]
    for client in clients:
        client.join(timeout=30)
    latencies = [
        (times[entry_id] - started) if entry_id in times else float("inf")
        for started, entry_id in posted
        for times in received
    ]
    return {
        "asked": args.readers,
        "connected": connected,
        "got_none": sum(1 for times in received if not any(e in times for _s, e in posted)),
        "connect_seconds": connect_seconds,
        "latencies": latencies,
        "memory": memory,
    }


def post_entry(blog_id, number):
    from newsdesk.live.actions import EntryContent, do_post_entry
    from newsdesk.live.models import LiveBlogPage, LiveEntry

    blog = LiveBlogPage.objects.get(pk=blog_id)
    body = LiveEntry._meta.get_field("body").to_python(
        [{"type": "paragraph", "value": f"<p>Update {number}: {'words ' * 60}</p>"}]
    )
    started, wall = time.monotonic(), time.time()
    entry = do_post_entry(blog, EntryContent(title=f"Update {number}", body=body), None)
    POSTED_AT.append(wall)
    return started, entry.pk


def seconds_to_pushpin(log_dir):
    """From each measured post to Pushpin's handler logging its publish: the app's share
    (render, commit, the publishing thread), the rest of a delivery being Pushpin's and
    the readers'."""
    from datetime import datetime

    published = [
        datetime.strptime(" ".join(line.split()[1:3]), "%Y-%m-%d %H:%M:%S.%f").timestamp()
        for line in (log_dir / "pushpin-handler.log").read_text().splitlines()
        if " publish channel=" in line
    ]
    measured = POSTED_AT[1:]  # not the warm-up
    return [moment - posted for posted, moment in zip(measured, published[1:], strict=False)]


def processes_rss_kb(root_pid):
    """{command: RSS in KB} of a process and its descendants."""
    found = {}
    pending = [root_pid]
    while pending:
        pid = pending.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        name = status.split("Name:")[1].split()[0]
        rss = int(status.split("VmRSS:")[1].split()[0]) if "VmRSS:" in status else 0
        found[f"{name} ({pid})"] = rss
        children = Path(f"/proc/{pid}/task/{pid}/children")
        pending += [int(child) for child in children.read_text().split()]
    return found


def print_report(result, args):
    latencies = result["latencies"]
    finite = sorted(value for value in latencies if value != float("inf"))
    on_time = sum(1 for value in finite if value <= DEADLINE)
    print(
        f"\nLive blog readers held by Pushpin {subprocess.check_output(['pushpin', '--version'], text=True).split()[-1]}: "
        f"message_rate {args.message_rate:,}/s, granian WSGI ({args.workers} workers) behind "
        f"it, {args.clients} reader processes, "
        f"{os.cpu_count()} CPU cores, loopback\n"
    )
    print(
        f"readers connected: {result['connected']:,} of {result['asked']:,} "
        f"in {result['connect_seconds']:.0f} s"
    )
    print(f"entries posted: {args.posts}; deliveries expected: {len(latencies):,}")
    print(f"readers that got none of them: {result['got_none']:,}")
    print(
        f"within 1 s: {on_time / max(1, len(latencies)):.1%}   missing: "
        f"{len(latencies) - len(finite):,}"
    )
    for share in (50, 95, 99):
        print(f"p{share}: {percentile(finite, share) * 1000:.0f} ms")
    if finite:
        print(f"max: {finite[-1] * 1000:.0f} ms")
    to_pushpin = result.get("to_pushpin") or []
    if to_pushpin:
        print(
            "post to Pushpin's publish (app side): "
            + ", ".join(f"{value * 1000:.0f}" for value in to_pushpin)
            + " ms"
        )
    print("\nresident memory while holding them:")
    for side, processes in result["memory"].items():
        total = sum(processes.values())
        print(f"  {side}: {total / 1024:.0f} MB")
        for name, rss in sorted(processes.items()):
            print(f"    {name:<32} {rss / 1024:>7.1f} MB")
    per_reader = sum(result["memory"]["pushpin"].values()) / max(1, result["connected"])
    print(f"  Pushpin per reader: {per_reader:.1f} KB")


if __name__ == "__main__":
    main()
