"""How heavy and how fast a demo article page is, on SQLite and on PostgreSQL.

Run with `make bench`; never part of the test suite. For each database a child process
(Django's settings are fixed per process) migrates a throwaway database, loads the demo
and measures one demo article with Django's test Client:

  HTML               the page's bytes                                   target <= 30 KB
  without photos     the HTML plus every stylesheet, script and font it
                     links, read through the staticfiles finders        target <= 60 KB
  render p50/p95     over REQUESTS requests after WARM_UP requests
  SQL queries        per request, once warm

Sizes are raw (what a template or CSS change adds), with gzip beside them (what the wire
carries); 1 KB = 1,000 bytes. The SQLite database lives in a temporary folder. The
PostgreSQL run creates and drops a database named newsdesk_bench on the server named by
DATABASE_URL (default postgres://root@127.0.0.1:5432/test), and is left out, with a note,
when that server is unreachable.
"""

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgres://root@127.0.0.1:5432/test"
BENCH_DATABASE = "newsdesk_bench"
WARM_UP = 20
REQUESTS = 200
HTML_TARGET = 30_000
TRANSFER_TARGET = 60_000
RESULT_PREFIX = "BENCH-RESULT "
FONT_OR_CSS = re.compile(
    r"""url\(\s*['"]?([^'")]+\.(?:woff2?|ttf|otf|css))(?:[?#][^'")]*)?['"]?\s*\)"""
)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]""")


# --- the parent: one child per database, then the table --------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.requests)
        return

    results, notes = [], []
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        sqlite_url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        results.append(run_child("SQLite", sqlite_url, Path(tmp) / "sqlite", args.requests))
        with throwaway_postgres(postgres_server_url(), notes) as postgres_url:
            if postgres_url:
                results.append(
                    run_child("PostgreSQL", postgres_url, Path(tmp) / "pg", args.requests)
                )
    print_table(results, notes)


def postgres_server_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else POSTGRES_URL


def with_database(url, name):
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@contextmanager
def throwaway_postgres(server_url, notes):
    """Yield the URL of a fresh newsdesk_bench database, dropped afterwards; None if the
    server cannot be reached."""
    import psycopg

    try:
        admin = psycopg.connect(server_url, autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        notes.append(f"PostgreSQL left out: {server_url} unreachable ({str(error).strip()})")
        yield None
        return
    with admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
        try:
            yield with_database(server_url, BENCH_DATABASE)
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


def run_child(label, database_url, work_dir, requests):
    (work_dir / "static").mkdir(parents=True)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "NEWSDESK_BENCH_DIR": str(work_dir),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    print(f"{label}: migrating, loading the demo, then {requests} requests...", flush=True)
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, __file__, "--measure", "--requests", str(requests)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    lines = [line for line in child.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if child.returncode or not lines:
        sys.stdout.write(child.stdout)
        sys.exit(f"{label}: the measuring process failed (exit {child.returncode})")
    result = json.loads(lines[-1][len(RESULT_PREFIX) :])
    result.update(label=label, seconds=time.perf_counter() - started)
    return result


def kb(size):
    return f"{size / 1000:.1f}"


def print_table(results, notes):
    first = results[0]
    print(f"\nArticle: {first['title']} ({first['url']})\n")
    rows = [
        ("HTML, KB raw / gzip", lambda r: f"{kb(r['html'])} / {kb(r['html_gzip'])}", "<= 30"),
        (
            "without photos, KB raw / gzip",
            lambda r: f"{kb(r['transfer'])} / {kb(r['transfer_gzip'])}",
            "<= 60",
        ),
        ("render p50, ms", lambda r: f"{r['p50'] * 1000:.1f}", ""),
        ("render p95, ms", lambda r: f"{r['p95'] * 1000:.1f}", ""),
        ("SQL queries per page", lambda r: str(r["queries"]), ""),
        ("whole run, s", lambda r: f"{r['seconds']:.0f}", ""),
    ]
    widths = [max(len(name) for name, *_ in rows)] + [max(16, len(r["label"])) for r in results]
    header = ["", *(r["label"] for r in results), "target"]
    print("  ".join(cell.ljust(width) for cell, width in zip(header, [*widths, 6], strict=True)))
    for name, cell, target in rows:
        cells = [name, *(cell(r) for r in results), target]
        print("  ".join(c.ljust(w) for c, w in zip(cells, [*widths, 6], strict=True)))

    print("\nCounted in 'without photos':")
    for path, size in first["assets"].items():
        print(f"  {kb(size):>7} KB  {path}")
    for missing in first["missing"]:
        print(f"  not found by the staticfiles finders: {missing}")
    for result in results:
        if result["html"] > HTML_TARGET:
            print(f"OVER TARGET ({result['label']}): HTML is {kb(result['html'])} KB > 30 KB")
        if result["transfer"] > TRANSFER_TARGET:
            over = kb(result["transfer"])
            print(f"OVER TARGET ({result['label']}): without photos {over} KB > 60 KB")
    for note in notes:
        print(note)


# --- the child: measure inside one configured Django ------------------------------------


class LinkedAssets(HTMLParser):
    """The stylesheets, scripts and preloaded fonts a page links (photos left out)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = set((attrs.get("rel") or "").lower().split())
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "link" and attrs.get("href"):
            preloaded = "preload" in rel and attrs.get("as") in {"style", "script", "font"}
            if preloaded or rel & {"stylesheet", "modulepreload"}:
                self.urls.append(attrs["href"])


def read_static(url):
    """The bytes of a /static/ URL as the staticfiles finders find them, or None."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        return None
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    return Path(found).read_bytes() if found else None


def linked_assets(html):
    parser = LinkedAssets()
    parser.feed(html)
    queue, assets, missing = list(parser.urls), {}, []
    while queue:
        url = urlsplit(queue.pop(0))._replace(query="", fragment="").geturl()
        if url in assets or url in missing:
            continue
        content = read_static(url)
        if content is None:
            missing.append(url)
            continue
        assets[url] = content
        if url.endswith(".css"):
            text = content.decode("utf-8", "replace")
            for found in FONT_OR_CSS.findall(text) + CSS_IMPORT.findall(text):
                if not found.startswith("data:"):
                    queue.append(urljoin(url, found))
    return assets, missing


def gzip_size(content):
    return len(gzip.compress(content, compresslevel=6))


def demo_article():
    from newsdesk.news.models import ArticlePage

    stories = (
        ArticlePage.objects.live()
        .filter(lead_image__isnull=False)
        .exclude(lead_image__credit="")
        .order_by("-first_published_at")
    )
    story = next((story for story in stories if story.caption), None) or stories.first()
    if story is None:
        sys.exit("The demo has no story with a lead photo")
    return story


def measure(requests):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", "--force", stdout=StringIO())
    article = demo_article()
    url = article.url
    client = Client()

    for _ in range(WARM_UP):
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
    html = response.content
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # read now: the next request empties the log it reads

    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - started)
    cuts = statistics.quantiles(timings, n=100, method="inclusive")

    assets, missing = linked_assets(html.decode("utf-8"))
    result = {
        "title": article.title,
        "url": url,
        "html": len(html),
        "html_gzip": gzip_size(html),
        "transfer": len(html) + sum(len(content) for content in assets.values()),
        "transfer_gzip": gzip_size(html) + sum(gzip_size(c) for c in assets.values()),
        "assets": {path: len(content) for path, content in assets.items()},
        "missing": missing,
        "p50": statistics.median(timings),
        "p95": cuts[94],
        "queries": queries,
    }
    print(RESULT_PREFIX + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
