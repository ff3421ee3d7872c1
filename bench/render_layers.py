"""What the layers below the page cache (rendered fragments, remembered routes) save on a
render the page cache does not spare: a demo article and the front page, rendered by
Django with the page cache off, each layer on or off.

Run with `.venv/bin/python bench/render_layers.py`; never part of the test suite. One
child process (Django's settings are fixed per process) migrates a throwaway SQLite
database, loads the demo, and for each combination prints the render's p50 and p95 over
REQUESTS requests after WARM_UP requests (so what a layer keeps is there to be used),
and the SQL queries of one warm request. A layer that is not in this checkout (removed)
is shown as such.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 10
REQUESTS = 150
RESULT_PREFIX = "BENCH-RESULT "
LAYERS = {
    "neither": {},
    "routes": {"NEWSDESK_CACHE_ROUTES": True},
    "fragments": {"NEWSDESK_CACHE_FRAGMENTS": True},
    "both": {"NEWSDESK_CACHE_ROUTES": True, "NEWSDESK_CACHE_FRAGMENTS": True},
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.requests)
        return
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as work_dir:
        work_dir = Path(work_dir)
        (work_dir / "static").mkdir()
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{work_dir / 'bench.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "NEWSDESK_BENCH_DIR": str(work_dir),
            "PAGE_CACHE_DIR": str(work_dir / "pages"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        print(f"migrating, loading the demo, then {args.requests} requests per case...")
        child = subprocess.run(
            [sys.executable, __file__, "--measure", "--requests", str(args.requests)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
    lines = [line for line in child.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if child.returncode or not lines:
        sys.stdout.write(child.stdout)
        sys.exit(f"the measuring process failed (exit {child.returncode})")
    print_table(json.loads(lines[-1][len(RESULT_PREFIX) :]))


def print_table(results):
    print(f"{'page':<12} {'layers':<10} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for row in results:
        if row.get("missing"):
            print(f"{row['page']:<12} {row['layers']:<10} {'(not in this checkout)':>26}")
            continue
        print(
            f"{row['page']:<12} {row['layers']:<10} {row['p50'] * 1000:>8.2f} "
            f"{row['p95'] * 1000:>8.2f} {row['queries']:>8}"
        )


def measure(requests):
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command
    from django.test import Client, override_settings

    sys.path.insert(0, str(ROOT / "bench"))
    from article_page import demo_article

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", "--force", stdout=StringIO())
    pages = {"article": demo_article().url, "front": "/"}
    results = []
    for page, url in pages.items():
        for layers, overrides in LAYERS.items():
            if not all(known(name) for name in overrides):
                results.append({"page": page, "layers": layers, "missing": True})
                continue
            caches["pages"].clear()
            with override_settings(NEWSDESK_CACHE_ENABLED=False, **overrides):
                results.append({"page": page, "layers": layers, **timed(Client(), url, requests)})
    print(RESULT_PREFIX + json.dumps(results), flush=True)


def known(setting_name):
    """Whether the caching app still has the layer the setting turns on."""
    from newsdesk.caching.conf import DEFAULTS

    return setting_name.removeprefix("NEWSDESK_CACHE_") in DEFAULTS


def timed(client, url, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - started)
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return {"p50": statistics.median(timings), "p95": cuts[94], "queries": queries}


if __name__ == "__main__":
    main()
