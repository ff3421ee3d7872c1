"""Full-page cache figures, side by side, in one run: `python bench/cache_wrk.py`.

Builds the demo in a throwaway PostgreSQL database, starts the production profile's
pieces on free loopback ports (granian WSGI with N workers, Varnish, moto's S3 server,
the task worker) and nginx serving the demo article saved as a static file, then runs
`wrk -t2 -c32 -d15s` on the same article against each of:

    nginx static        the ceiling
    through Varnish     Varnish in front of the app (deploy/varnish/default.vcl)
    app cache           the app's own page cache, no Varnish (granian, front door)
    uncached            the app with NEWSDESK_CACHE_ENABLED=0: no page cache, every request
                        rendered by Django, with the fragments and routes kept below the
                        page cache (newsdesk/caching/fragments.py, routes.py)
    cold render         the same with those off too: every part of the page rendered

and prints requests per second and the ratio to nginx (Varnish and the app cache also
with `Accept-Encoding: gzip, br`, as browsers send it: the stored brotli copy), the bytes
on the wire of every kind of reader page through Varnish without Accept-Encoding, with
gzip and with br, the uncached single-request p50 (100 sequential requests),
publish-to-visible through Varnish, SQL queries per uncached page, and resident memory
per worker. Everything it started is stopped at the end, and
the database dropped. Needs PostgreSQL and Redis on their usual local ports, and Debian's
varnish, nginx and wrk. Never part of the test suite.
"""

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy import localprod  # noqa: E402

WRK = ["wrk", "-t2", "-c32", "-d15s"]
TARGETS = {"through Varnish": 0.80, "app cache": 0.25}
BROWSER_ENCODING = "gzip, br"
# The codings a reader's page is measured in: the header sent for each.
CODINGS = {"identity": None, "gzip": "gzip", "br": "br"}
UNCACHED_TARGET = 400
P50_TARGET_MS = 15
NGINX_CONF = """
worker_processes auto;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush off;  # Debian's default (on) stalls small responses by ~40 ms
    keepalive_requests 100000;
    open_file_cache max=16;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/static-copy;
    }}
}}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="granian workers per app")
    options = parser.parse_args()

    run_dir = Path(f"/tmp/newsdesk-cache-bench-{os.getpid()}")
    database = f"newsdesk_cache_bench_{os.getpid()}"
    processes = localprod.Processes(run_dir / "logs")
    ports = {
        name: localprod.free_port()
        for name in ("s3", "cached", "uncached", "cold", "varnish", "nginx")
    }
    try:
        figures = run(options, run_dir, database, processes, ports)
    finally:
        processes.stop_all()
        stop_nginx(run_dir)
        localprod.drop_database(database)
    report(figures, options.workers)


def run(options, run_dir, database, processes, ports):
    print(f"building the demo in {database}...", flush=True)
    database_url = localprod.create_database(database)
    localprod.start_moto(processes, ports["s3"])
    varnish_url = f"http://127.0.0.1:{ports['varnish']}"
    env = localprod.app_environment(
        database_url,
        ports["s3"],
        varnish_url,
        varnish_url=varnish_url,
        STATIC_ROOT=str(run_dir / "static"),
        # Its own Redis database, emptied first: no page from an earlier run.
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    localprod.empty_redis_database(env["REDIS_URL"])
    localprod.prepare_app(env)
    article_id, article = django_shell(env, FIND_ARTICLE).split()
    print(f"article: {article}", flush=True)

    print("starting granian, Varnish, nginx...", flush=True)
    cached = localprod.start_app(processes, env, ports["cached"], options.workers, "granian-cached")
    uncached_env = {**env, "NEWSDESK_CACHE_ENABLED": "0"}
    uncached = localprod.start_app(
        processes, uncached_env, ports["uncached"], options.workers, "granian-uncached"
    )
    cold_env = {**uncached_env, "NEWSDESK_CACHE_FRAGMENTS": "0", "NEWSDESK_CACHE_ROUTES": "0"}
    localprod.start_app(processes, cold_env, ports["cold"], options.workers, "granian-cold")
    localprod.start_workers(processes, env)
    localprod.start_varnish(processes, ports["varnish"], ports["cached"], run_dir / "varnish")
    save_static_copy(run_dir, ports["uncached"], article)
    start_nginx(run_dir, ports["nginx"])

    urls = {
        "nginx static": f"http://127.0.0.1:{ports['nginx']}/article.html",
        "through Varnish": f"http://127.0.0.1:{ports['varnish']}{article}",
        "app cache": f"http://127.0.0.1:{ports['cached']}{article}",
        "uncached": f"http://127.0.0.1:{ports['uncached']}{article}",
        "cold render": f"http://127.0.0.1:{ports['cold']}{article}",
    }
    runs = [(name, url, None) for name, url in urls.items()]
    for name in ("through Varnish", "app cache"):
        runs.insert(
            runs.index((name, urls[name], None)) + 1,
            (f"{name}, {BROWSER_ENCODING}", urls[name], BROWSER_ENCODING),
        )
    # Before the load: a backend slowed by it fails Varnish's probe, and the pages it
    # lacks come back 503.
    pages = json.loads(django_shell(env, READER_PAGES))
    # Through Varnish only once its probe finds the app healthy (until then, a 503).
    localprod.wait_for_http(f"{urls['through Varnish']}", timeout=60)
    figures = {"rates": {}, "sizes": {}}
    figures["wire_bytes"] = wire_bytes(f"http://127.0.0.1:{ports['varnish']}", pages)
    for name, url, accept_encoding in runs:
        for _ in range(3):  # warm: a stored copy, connections, caches
            status, body, headers = get(url, accept_encoding)
        figures["sizes"][name] = (status, len(body), headers.get("x-cache", "-"))
        print(f"wrk {name}: {url}", flush=True)
        figures["rates"][name] = wrk(url, accept_encoding)
    figures["p50_ms"] = sequential_p50(ports["uncached"], article)
    figures["cold_p50_ms"] = sequential_p50(ports["cold"], article)
    figures["queries"] = django_shell(uncached_env, COUNT_QUERIES.format(path=article)).strip()
    figures["cold_queries"] = django_shell(cold_env, COUNT_QUERIES.format(path=article)).strip()
    figures["rss_mb"] = {
        "cached": worker_rss_mb(cached.pid),
        "uncached": worker_rss_mb(uncached.pid),
    }
    figures["publish_to_visible"] = publish_to_visible(env, urls["through Varnish"], article_id)
    return figures


# --- measuring --------------------------------------------------------------------------


def get(url, accept_encoding=None, timeout=10):
    host, path = re.match(r"http://([^/]+)(/.*)", url).groups()
    connection = http.client.HTTPConnection(host, timeout=timeout)
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, {k.lower(): v for k, v in response.getheaders()}


def wire_bytes(origin, pages):
    """{page: {coding: (status line and headers + body bytes, Content-Encoding, X-Cache
    and the status unless 200 or 404)}}, each asked twice so the second is what a reader
    gets from Varnish's copy."""
    sizes = {}
    for name, path in pages.items():
        sizes[name] = {}
        for coding, accept_encoding in CODINGS.items():
            get(origin + path, accept_encoding, timeout=300)  # may make photo renditions
            status, body, headers = get(origin + path, accept_encoding)
            for _ in range(10):  # Varnish's probe found the busy backend slow: again
                if status != 503:
                    break
                time.sleep(1)
                get(origin + path, accept_encoding, timeout=300)
                status, body, headers = get(origin + path, accept_encoding)
            header_bytes = len(f"HTTP/1.1 {status} OK\r\n\r\n") + sum(
                len(name) + len(value) + 4 for name, value in headers.items()
            )
            outcome = headers.get("x-cache", "-")
            sizes[name][coding] = (
                header_bytes + len(body),
                headers.get("content-encoding", "-"),
                outcome if status in (200, 404) else f"{outcome} {status}",
            )
    return sizes


def wrk(url, accept_encoding=None):
    header = ["-H", f"Accept-Encoding: {accept_encoding}"] if accept_encoding else []
    output = subprocess.run([*WRK, *header, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        print(f"  warning: {errors.group(1)} error responses", flush=True)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def sequential_p50(port, path, count=100):
    """One reader at a time on a kept-alive connection, as a browser would."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status == 200
    connection.close()
    return statistics.median(timings), statistics.quantiles(timings, n=20)[-1]


def worker_rss_mb(granian_pid):
    children = Path(f"/proc/{granian_pid}/task/{granian_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def publish_to_visible(env, url, page_id):
    """Publish a new headline and poll Varnish until it shows: seconds in between."""
    headline = f"Bench headline {time.time():.0f}"
    seen = {}

    def poll():
        while "at" not in seen:
            if headline in get(url)[1].decode():
                seen["at"] = time.time()
            time.sleep(0.005)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    published_at = float(
        django_shell(env, PUBLISH.format(page_id=page_id, headline=headline)).strip()
    )
    poller.join(timeout=10)
    return seen["at"] - published_at if "at" in seen else None


def django_shell(env, code):
    result = subprocess.run(
        [localprod.BIN / "python", "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()[-1]


FIND_ARTICLE = """
from newsdesk.news.models import ArticlePage
story = ArticlePage.objects.live().filter(lead_image__isnull=False).order_by("-first_published_at").first()
print(story.pk, story.url)
"""

READER_PAGES = """
import json
from newsdesk.demo.reader_pages import reader_pages
print(json.dumps(reader_pages()))
"""

COUNT_QUERIES = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
client.get("{path}")
with CaptureQueriesContext(connection) as queries:
    assert client.get("{path}").status_code == 200
tables = [query["sql"].split(" FROM ")[1].split()[0] for query in queries if " FROM " in query["sql"]]
print(len(queries), "(" + " ".join(tables) + ")" if tables else "")
"""

PUBLISH = """
import time
from newsdesk.news.models import ArticlePage
story = ArticlePage.objects.get(pk={page_id})
story.title = "{headline}"
story.save_revision().publish()
print(time.time())
"""


# --- nginx ------------------------------------------------------------------------------


def save_static_copy(run_dir, port, path):
    copy_dir = run_dir / "static-copy"
    copy_dir.mkdir(parents=True, exist_ok=True)
    status, body, _headers = get(f"http://127.0.0.1:{port}{path}")
    assert status == 200
    (copy_dir / "article.html").write_bytes(body)


def start_nginx(run_dir, port):
    conf = run_dir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=run_dir, port=port))
    run_dir.chmod(0o755)
    subprocess.run(["nginx", "-c", conf, "-p", run_dir], check=True)


def stop_nginx(run_dir):
    pid_file = run_dir / "nginx.pid"
    if pid_file.exists():
        subprocess.run(["nginx", "-c", run_dir / "nginx.conf", "-p", run_dir, "-s", "quit"])


# --- the report -------------------------------------------------------------------------


def report(figures, workers):
    rates, ceiling = figures["rates"], figures["rates"]["nginx static"]
    print()
    print(f"wrk -t2 -c32 -d15s, same article, loopback, granian {workers} workers (WSGI)")
    print(f"{'':26} {'req/s':>10} {'x nginx':>8}  {'status, bytes, X-Cache':<24} target")
    for name, rate in rates.items():
        status, size, outcome = figures["sizes"][name]
        target = TARGETS.get(name)
        target_text = f">= {target:.2f}x" if target else ""
        if name in ("uncached", "cold render"):
            target_text = f">= {UNCACHED_TARGET} req/s"
        print(
            f"{name:26} {rate:>10,.0f} {rate / ceiling:>8.2f}  "
            f"{f'{status}, {size:,}, {outcome}':<24} {target_text}"
        )
    p50, p95 = figures["p50_ms"]
    print(
        f"uncached single request: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p50 < {P50_TARGET_MS} ms)"
    )
    p50, p95 = figures["cold_p50_ms"]
    print(f"cold render single request: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(
        f"SQL queries per article page: uncached {figures['queries']}, "
        f"cold render {figures['cold_queries']}"
    )
    visible = figures["publish_to_visible"]
    visible_text = f"{visible * 1000:.0f} ms" if visible is not None else "not seen within 10 s"
    print(f"publish to visible through Varnish: {visible_text} (target < 1 s)")
    for name, sizes in figures["rss_mb"].items():
        print(f"RSS per worker ({name}): " + ", ".join(f"{size:.0f} MB" for size in sizes))
    report_wire_bytes(figures["wire_bytes"])


def report_wire_bytes(pages):
    print()
    print("bytes on the wire through Varnish (headers and body), by Accept-Encoding sent")
    print(f"{'':26} {'identity':>10} {'gzip':>16} {'br':>16}  X-Cache")
    for name, codings in pages.items():
        identity = codings["identity"][0]
        cells = [f"{identity:>10,}"]
        for coding in ("gzip", "br"):
            size, encoding, _outcome = codings[coding]
            sent = "" if encoding == coding else f" ({encoding})"
            cells.append(f"{f'{size:,} {size / identity:.0%}{sent}':>16}")
        outcomes = "/".join(outcome for _size, _encoding, outcome in codings.values())
        print(f"{name:26} {' '.join(cells)}  {outcomes}")


if __name__ == "__main__":
    main()
