"""Full-page cache and render figures, side by side, in one run: `python bench/cache_wrk.py`.

Builds the demo in a throwaway PostgreSQL database, starts the production profile's
pieces on free loopback ports (granian WSGI with N workers, Varnish, moto's S3 server,
the task worker) and nginx serving the demo article saved as a static file, then runs
`wrk -t2 -c32` (for --duration seconds, `Accept-Encoding: gzip` as browsers send, each in
turn for --rounds rounds, the median run kept) on the same article against each of:

    nginx static        the ceiling: the page as a file, gzipped by nginx per request
                        (gzip on, level 6, as the app's stored copy)
    nginx, .gz file     the same with the gzip copy made once (gzip_static): for reference
    Varnish static      Varnish (a one-line VCL) in front of that file: Varnish's own
                        ceiling on this machine
    Varnish, headers    the same, the file sent with the response headers the app's page
                        carries (security, Vary, Cache-Control, its tags): what those
                        headers cost Varnish on a hit, apart from our VCL
    through Varnish     Varnish in front of the app (deploy/varnish/default.vcl)
    app cache           the app's own page cache, no Varnish (granian, front door)
    uncached            the app with NEWSDESK_CACHE_ENABLED=0: no page cache, every request
                        rendered by Django, with the fragments and routes kept below the
                        page cache (newsdesk/caching/fragments.py, routes.py)
    cold render         the same with those off too: every part of the page rendered, as
                        after a purge

and prints requests per second, the ratio to nginx static, wrk's p50/p99 latency, and the
targets: through Varnish >= 0.95x Varnish static, app cache >= 0.30x nginx static, cold
render >= 1/200 of nginx static. Then the uncached and cold single-request p50/p95 (100
sequential requests), SQL queries per uncached and cold page, resident memory per process
(each app's granian workers, Varnish's worker process, nginx's workers), publish-to-visible
through Varnish, and the bytes on the wire of every kind of reader page through Varnish
without Accept-Encoding, with gzip and with br. With --instructions, the instructions
varnishd runs per hit (valgrind: hit_instructions.py) for Varnish static, the same with
the page's headers and our VCL in front of that copy: the figure to compare VCLs by, as
requests per second here swing by 15 % between two runs of the same configuration.
Everything it started is stopped at the end, and the database dropped. Needs PostgreSQL
and Redis on their usual local ports, and Debian's varnish, nginx and wrk (and valgrind
for --instructions). Never part of the test suite.
"""

import argparse
import gzip
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

# A cold render queued behind 31 others takes seconds: counted, not dropped as a timeout.
WRK = ["wrk", "-t2", "-c32", "--latency", "--timeout", "30s"]
ACCEPT_ENCODING = "gzip"
# Each run's target: (at least this ratio, to this run).
TARGETS = {
    "through Varnish": (0.95, "Varnish static"),
    "app cache": (0.30, "nginx static"),
    "cold render": (1 / 200, "nginx static"),
}
# The codings a reader's page is measured in: the header sent for each.
CODINGS = {"identity": None, "gzip": "gzip", "br": "br"}
UNCACHED_TARGET = 400
P50_TARGET_MS = 15
# Varnish's own ceiling: everything cached, nothing looked at.
STATIC_VCL = """vcl 4.1;
backend default {{ .host = "127.0.0.1"; .port = "{port}"; }}
sub vcl_backend_response {{ set beresp.ttl = 1h; }}
"""
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
    gzip on;
    gzip_comp_level 6;
    gzip_proxied any;  # Varnish static asks as a proxy
    server {{
        listen 127.0.0.1:{port};
        root {dir}/static-copy;
        location /precompressed/ {{
            gzip off;
            gzip_static on;
        }}
        location /healthz/ {{  # our VCL's probe, when it is measured in front of nginx
            return 200 "ok";
        }}
        location = /with-headers/article.html {{
            try_files /article.html =404;
{app_headers}
        }}
    }}
}}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="granian workers per app")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per run")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each, median kept")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count Varnish's instructions per hit under valgrind (hit_instructions.py)",
    )
    options = parser.parse_args()

    run_dir = Path(f"/tmp/newsdesk-cache-bench-{os.getpid()}")
    database = f"newsdesk_cache_bench_{os.getpid()}"
    processes = localprod.Processes(run_dir / "logs")
    ports = {
        name: localprod.free_port()
        for name in ("s3", "cached", "uncached", "cold", "varnish", "varnish_static", "nginx")
    }
    try:
        figures = run(options, run_dir, database, processes, ports)
    finally:
        processes.stop_all()
        stop_nginx(run_dir)
        localprod.drop_database(database)
    report(figures, options)


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
    apps = {}
    apps["app cache"] = localprod.start_app(
        processes, env, ports["cached"], options.workers, "granian-cached"
    )
    uncached_env = {**env, "NEWSDESK_CACHE_ENABLED": "0"}
    apps["uncached"] = localprod.start_app(
        processes, uncached_env, ports["uncached"], options.workers, "granian-uncached"
    )
    cold_env = {**uncached_env, "NEWSDESK_CACHE_FRAGMENTS": "0", "NEWSDESK_CACHE_ROUTES": "0"}
    apps["cold render"] = localprod.start_app(
        processes, cold_env, ports["cold"], options.workers, "granian-cold"
    )
    localprod.start_workers(processes, env)
    varnish = localprod.start_varnish(
        processes, ports["varnish"], ports["cached"], run_dir / "varnish"
    )
    app_headers = save_static_copy(run_dir, ports["uncached"], article)
    start_nginx(run_dir, ports["nginx"], app_headers)
    varnish_static = start_static_varnish(processes, run_dir, ports)

    nginx = f"http://127.0.0.1:{ports['nginx']}"
    urls = {
        "nginx static": f"{nginx}/article.html",
        "nginx, .gz file": f"{nginx}/precompressed/article.html",
        "Varnish static": f"http://127.0.0.1:{ports['varnish_static']}/article.html",
        "Varnish, headers": f"http://127.0.0.1:{ports['varnish_static']}/with-headers/article.html",
        "through Varnish": f"http://127.0.0.1:{ports['varnish']}{article}",
        "app cache": f"http://127.0.0.1:{ports['cached']}{article}",
        "uncached": f"http://127.0.0.1:{ports['uncached']}{article}",
        "cold render": f"http://127.0.0.1:{ports['cold']}{article}",
    }
    # Before the load: a backend slowed by it fails Varnish's probe, and the pages it
    # lacks come back 503.
    pages = json.loads(django_shell(env, READER_PAGES))
    # Through Varnish only once its probe finds the app healthy (until then, a 503).
    localprod.wait_for_http(f"{urls['through Varnish']}", timeout=60)
    figures = {"rates": {}, "latency": {}, "sizes": {}}
    figures["wire_bytes"] = wire_bytes(f"http://127.0.0.1:{ports['varnish']}", pages)
    for name, url in urls.items():
        for _ in range(3):  # warm: a stored copy, connections, caches
            status, body, headers = get(url, ACCEPT_ENCODING)
        outcome = headers.get("x-cache") or headers.get("x-varnish", "-").split()[-1]
        coding = headers.get("content-encoding", "identity")
        figures["sizes"][name] = (status, len(body), coding, outcome)
    # Rounds in turn, each run's median kept: one run of each swings by 10 % or more here
    # (what else the two cores do), and a ratio of two such runs by twice that.
    runs = {name: [] for name in urls}
    for round_number in range(1, options.rounds + 1):
        for name, url in urls.items():
            print(f"wrk {name} (round {round_number}/{options.rounds}): {url}", flush=True)
            runs[name].append(wrk(url, options.duration))
    for name, results in runs.items():
        rate, latency = sorted(results, key=lambda result: result[0])[len(results) // 2]
        figures["rates"][name], figures["latency"][name] = rate, latency
    figures["p50_ms"] = sequential_p50(ports["uncached"], article)
    figures["cold_p50_ms"] = sequential_p50(ports["cold"], article)
    figures["queries"] = django_shell(uncached_env, COUNT_QUERIES.format(path=article)).strip()
    figures["cold_queries"] = django_shell(cold_env, COUNT_QUERIES.format(path=article)).strip()
    figures["rss_mb"] = {
        **{f"granian, {name}": child_rss_mb(app.pid) for name, app in apps.items()},
        "Varnish (newsdesk)": child_rss_mb(varnish.pid),
        "Varnish (static)": child_rss_mb(varnish_static.pid),
        "nginx": child_rss_mb(nginx_master_pid(run_dir)),
    }
    figures["publish_to_visible"] = publish_to_visible(env, urls["through Varnish"], article_id)
    if options.instructions:
        figures["instructions"] = count_instructions(run_dir, ports["nginx"])
    return figures


def count_instructions(run_dir, nginx_port):
    """{name: instructions per hit}: Varnish static, the same with the page's headers, and
    our VCL in front of that same copy (no app behind it: every request a hit)."""
    from hit_instructions import instructions_per_hit

    static_vcl = STATIC_VCL.format(port=nginx_port)
    ours = run_dir / "instructions-ours.vcl"
    localprod.render_vcl(nginx_port, ours)
    measured = {
        "Varnish static": (static_vcl, "/article.html"),
        "Varnish, headers": (static_vcl, "/with-headers/article.html"),
        "our VCL, headers": (ours.read_text(), "/with-headers/article.html"),
    }
    counts = {}
    for name, (vcl, path) in measured.items():
        print(f"instructions per hit under callgrind: {name}", flush=True)
        work_dir = run_dir / "callgrind" / name.replace(" ", "-").replace(",", "")
        counts[name] = instructions_per_hit(
            work_dir, vcl, localprod.free_port(), path, ACCEPT_ENCODING
        )
    return counts


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


def wrk(url, duration):
    """(requests per second, {"p50": ms, "p99": ms})"""
    header = ["-H", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    argv = [*WRK, f"-d{duration}s", *header, url]
    output = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        print(f"  warning: {errors.group(1)} error responses", flush=True)
    latency = {
        f"p{percent}": milliseconds(value, unit)
        for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)$", output, re.M)
    }
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), latency


def milliseconds(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def sequential_p50(port, path, count=100):
    """One reader at a time on a kept-alive connection, as a browser would."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
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


def child_rss_mb(parent_pid):
    """The resident memory of each child of a process (granian's workers, varnishd's
    worker, nginx's workers), in MB."""
    children = Path(f"/proc/{parent_pid}/task/{parent_pid}/children").read_text().split()
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
pressed = time.time()  # when the editor presses Publish: the commit purges within it
story.save_revision().publish()
print(pressed)
"""


# --- nginx ------------------------------------------------------------------------------


# What nginx makes itself, or Varnish (ETag: nginx makes one for the file).
OWN_HEADERS = {
    "content-length", "content-encoding", "content-type", "date", "server", "etag", "x-cache"
}  # fmt: skip


def save_static_copy(run_dir, port, path):
    """The article as rendered, for nginx: as it is, and gzipped once for gzip_static.
    Returns the response headers the app sent with it, but for those nginx makes."""
    copy_dir = run_dir / "static-copy"
    (copy_dir / "precompressed").mkdir(parents=True, exist_ok=True)
    get(f"http://127.0.0.1:{port}{path}", timeout=300)  # the first view makes renditions
    status, body, headers = get(f"http://127.0.0.1:{port}{path}")
    assert status == 200
    (copy_dir / "article.html").write_bytes(body)
    (copy_dir / "precompressed" / "article.html").write_bytes(body)
    (copy_dir / "precompressed" / "article.html.gz").write_bytes(gzip.compress(body, 6))
    return {name: value for name, value in headers.items() if name not in OWN_HEADERS}


def start_nginx(run_dir, port, app_headers):
    conf = run_dir / "nginx.conf"
    lines = "\n".join(
        f'            add_header {name} "{value}" always;' for name, value in app_headers.items()
    )
    conf.write_text(NGINX_CONF.format(dir=run_dir, port=port, app_headers=lines))
    run_dir.chmod(0o755)
    subprocess.run(["nginx", "-c", conf, "-p", run_dir], check=True)


def nginx_master_pid(run_dir):
    return int((run_dir / "nginx.pid").read_text())


def stop_nginx(run_dir):
    pid_file = run_dir / "nginx.pid"
    if pid_file.exists():
        subprocess.run(["nginx", "-c", run_dir / "nginx.conf", "-p", run_dir, "-s", "quit"])


def start_static_varnish(processes, run_dir, ports):
    """varnishd with a one-line VCL in front of nginx's copy of the article."""
    work_dir = run_dir / "varnish-static"
    work_dir.mkdir(parents=True, exist_ok=True)
    work_dir.chmod(0o755)
    vcl = work_dir / "static.vcl"
    vcl.write_text(STATIC_VCL.format(port=ports["nginx"]))
    argv = [
        "varnishd", "-F",
        "-n", work_dir / "varnish",
        "-a", f"127.0.0.1:{ports['varnish_static']}",
        "-T", f"127.0.0.1:{localprod.free_port()}",
        "-f", vcl,
        "-s", "malloc,64m",
    ]  # fmt: skip
    process = processes.start("varnish-static", argv)
    localprod.wait_for_http(f"http://127.0.0.1:{ports['varnish_static']}/article.html")
    return process


# --- the report -------------------------------------------------------------------------


def report(figures, options):
    rates, ceiling = figures["rates"], figures["rates"]["nginx static"]
    print()
    print(
        f"wrk -t2 -c32 -d{options.duration}s, median of {options.rounds} rounds taken in turn, "
        f"Accept-Encoding: {ACCEPT_ENCODING}, same article, loopback, "
        f"granian {options.workers} workers (WSGI)"
    )
    print(
        f"{'':18} {'req/s':>9} {'x nginx':>8} {'p50 ms':>7} {'p99 ms':>7}  "
        f"{'status, bytes, coding, cache':<30} target"
    )
    for name, rate in rates.items():
        status, size, coding, outcome = figures["sizes"][name]
        latency = figures["latency"][name]
        print(
            f"{name:18} {rate:>9,.0f} {rate / ceiling:>8.4f} {latency.get('p50', 0):>7.2f} "
            f"{latency.get('p99', 0):>7.2f}  {f'{status}, {size:,}, {coding}, {outcome}':<30} "
            f"{target_text(name, rates)}"
        )
    print(
        "through Varnish / Varnish, headers: "
        f"{rates['through Varnish'] / rates['Varnish, headers']:.2f}x (what our VCL costs alone); "
        f"Varnish, headers / Varnish static: {rates['Varnish, headers'] / rates['Varnish static']:.2f}x"
        " (what the page's headers cost)"
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
        print(f"RSS per process, {name}: " + ", ".join(f"{size:.0f} MB" for size in sizes))
    if "instructions" in figures:
        counts = figures["instructions"]
        static = counts["Varnish static"]
        print("instructions per hit in varnishd (callgrind, user space): " + ", ".join(
            f"{name} {count:,.0f} ({count / static:.2f}x)" for name, count in counts.items()
        ))  # fmt: skip
    report_wire_bytes(figures["wire_bytes"])


def target_text(name, rates):
    if name == "uncached":
        return (
            f">= {UNCACHED_TARGET} req/s: {'met' if rates[name] >= UNCACHED_TARGET else 'MISSED'}"
        )
    if name not in TARGETS:
        return ""
    ratio, reference = TARGETS[name]
    reached = rates[name] / rates[reference]
    verdict = "met" if reached >= ratio else "MISSED"
    wanted = f"1/{1 / ratio:.0f}" if ratio < 0.1 else f"{ratio:.2f}x"
    reached_text = f"1/{1 / reached:.0f}" if ratio < 0.1 else f"{reached:.2f}x"
    return f">= {wanted} {reference}: {reached_text}, {verdict}"


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
