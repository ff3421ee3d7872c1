"""How many readers of a live blog, connected over Server-Sent Events to one server, all get
a new update within a second; and how much server memory each connected reader costs.

Run with `.venv/bin/python bench/live_sse.py`; never part of the test suite
(newsdesk/live/tests/test_two_processes.py is its small cousin). Loopback only, bounded
in time (about two minutes). It:

  1. migrates a throwaway SQLite database in a temporary folder and publishes a live blog;
  2. starts granian (ASGI, one worker unless --workers) on a free loopback port with
     bench/settings.py (DEBUG off) and REDIS_URL, so fan-out goes through Redis pub/sub;
  3. for each N in --readers, opens N SSE connections from this process (raw asyncio
     sockets, a few hundred bytes of state each), waits until every one is subscribed,
     and reads the worker's RSS before and after to get memory per reader;
  4. posts --posts updates through actions.do_post_entry in this process (the database
     commit, then a Redis PUBLISH, as an editor's post does) and times, per reader, from
     just before the call to the moment the update's bytes arrive;
  5. prints, per N: readers that got every update within 1 s, p50/p99/max latency, and
     RSS per reader. Target: 2,000 readers, p99 under 1 s.

Needs Redis at REDIS_URL (default redis://127.0.0.1:6379/14). The clients share the two
cores with the server, so the figures are on the pessimistic side.
"""

import argparse
import asyncio
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READERS = (500, 1000, 2000)
POSTS = 5
CONNECT_CONCURRENCY = 100
DEADLINE = 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, nargs="+", default=READERS)
    parser.add_argument("--posts", type=int, default=POSTS)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"))
    args = parser.parse_args()
    raise_open_file_limit()
    with tempfile.TemporaryDirectory(prefix="newsdesk-live-bench-") as work_dir:
        env = bench_environment(Path(work_dir), args.redis)
        os.environ.update(env)
        blog_id = prepare_database()
        port = free_port()
        server = start_server(port, args.workers, env)
        try:
            wait_for_server(port)
            results = [
                asyncio.run(measure(port, blog_id, readers, args.posts, server.pid))
                for readers in args.readers
            ]
        finally:
            stop_server(server)
    print_table(results, args)


def raise_open_file_limit():
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def bench_environment(work_dir, redis_url):
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "NEWSDESK_BENCH_DIR": str(work_dir),
        "DATABASE_URL": f"sqlite:///{work_dir / 'bench.sqlite3'}",
        "REDIS_URL": redis_url,
        "PYTHONPATH": str(ROOT),
    }


def prepare_database():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from wagtail.models import Site

    from newsdesk.live.models import LiveBlogPage
    from newsdesk.news.models import SectionPage

    home = Site.objects.get(is_default_site=True).root_page.specific
    section = SectionPage(title="News", slug="news")
    home.add_child(instance=section)
    section.save_revision().publish()
    blog = LiveBlogPage(title="Benchmark live blog", slug="bench-live")
    section.add_child(instance=blog)
    blog.save_revision().publish()
    return blog.pk


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port, workers, env):
    command = [
        str(Path(sys.executable).parent / "granian"),
        "--interface", "asginl",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--workers", str(workers),
        "--backlog", "4096",
        "--no-access-log",
        "--log-level", "warning",
        "newsdesk.asgi:application",
    ]  # fmt: skip
    # A session of its own, so stopping it stops its worker processes too.
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, start_new_session=True)


def stop_server(server):
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # granian waits for open streams; these never end
        server.wait()


def wait_for_server(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("granian did not start")


def worker_rss_kb(server_pid):
    """The summed RSS of the server's worker processes (children of granian's main)."""
    children = subprocess.run(
        ["pgrep", "-P", str(server_pid)], capture_output=True, text=True
    ).stdout.split()
    total = 0
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(status.split("VmRSS:")[1].split()[0])
    return total


class Reader:
    """One SSE connection: it notes when each update's entry id first arrives."""

    def __init__(self):
        self.received = {}
        self.subscribed = asyncio.Event()
        self.writer = None
        self.buffer = b""

    async def connect(self, port, blog_id):
        reader, self.writer = await asyncio.open_connection("127.0.0.1", port)
        self.writer.write(
            f"GET /live/blog/{blog_id}/events/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        await self.writer.drain()
        self.task = asyncio.create_task(self.read(reader))

    async def read(self, reader):
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                return
            now = time.perf_counter()
            self.buffer += chunk
            if not self.subscribed.is_set() and b"retry:" in self.buffer:
                self.subscribed.set()
            while b'"entry":' in self.buffer:
                _, _, rest = self.buffer.partition(b'"entry":')
                entry_id = int(rest.split(b",", 1)[0])
                self.received.setdefault(entry_id, now)
                self.buffer = rest.split(b",", 1)[1] if b"," in rest else b""

    def close(self):
        self.task.cancel()
        self.writer.close()


async def measure(port, blog_id, readers, posts, server_pid):
    before = worker_rss_kb(server_pid)
    connected = [Reader() for _ in range(readers)]
    limit = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def connect(reader):
        async with limit:
            await reader.connect(port, blog_id)
            await asyncio.wait_for(reader.subscribed.wait(), 60)

    await asyncio.gather(*(connect(reader) for reader in connected))
    # The stream subscribes just after its first bytes: give the last ones a moment.
    await asyncio.sleep(2)
    after = worker_rss_kb(server_pid)
    latencies, on_time = [], 0
    for number in range(posts):
        started, entry_id = await asyncio.to_thread(post_entry, blog_id, number)
        await asyncio.sleep(DEADLINE + 2)
        got = [reader.received.get(entry_id) for reader in connected]
        latencies += [(moment - started) if moment else float("inf") for moment in got]
        on_time += sum(1 for moment in got if moment and moment - started <= DEADLINE)
    for reader in connected:
        reader.close()
    await asyncio.sleep(1)
    finite = sorted(latencies)
    return {
        "readers": readers,
        "deliveries": len(latencies),
        "on_time": on_time,
        "missing": sum(1 for value in latencies if value == float("inf")),
        "p50": percentile(finite, 50),
        "p99": percentile(finite, 99),
        "max": finite[-1],
        "rss_per_reader_kb": (after - before) / readers,
        "rss_mb": after / 1024,
    }


def post_entry(blog_id, number):
    from newsdesk.live.actions import EntryContent, do_post_entry
    from newsdesk.live.models import LiveBlogPage, LiveEntry

    blog = LiveBlogPage.objects.get(pk=blog_id)
    body = LiveEntry._meta.get_field("body").to_python(
        [{"type": "paragraph", "value": f"<p>Update {number}: {'words ' * 60}</p>"}]
    )
    started = time.perf_counter()
    entry = do_post_entry(blog, EntryContent(title=f"Update {number}", body=body), None)
    return started, entry.pk


def percentile(values, share):
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, round(share / 100 * len(values)) - 1))
    return values[index]


def print_table(results, args):
    print(
        f"\nLive blog SSE fan-out: granian ASGI, {args.workers} worker(s), Redis pub/sub, "
        f"{args.posts} updates per run, {os.cpu_count()} CPU cores, loopback\n"
    )
    print(
        f"{'readers':>8} {'within 1 s':>12} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'missing':>8} {'KB/reader':>10} {'worker RSS':>11}"
    )
    for row in results:
        share = row["on_time"] / row["deliveries"]
        print(
            f"{row['readers']:>8,} {share:>11.1%} {row['p50'] * 1000:>8.0f} "
            f"{row['p99'] * 1000:>8.0f} {row['max'] * 1000:>8.0f} {row['missing']:>8} "
            f"{row['rss_per_reader_kb']:>10.1f} {row['rss_mb']:>9.0f} MB"
        )
    print(
        f"\nstatistics over every delivery; median of p99s: "
        f"{statistics.median(r['p99'] for r in results) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
