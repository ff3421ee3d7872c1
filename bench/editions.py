"""What an edition costs: the render time and queries of the demo's lead article with one
edition (NEWSDESK_EDITIONS=en) against three (en,es,ar), and of its Spanish translation.

Run with `.venv/bin/python bench/editions.py`; never part of the test suite. Each case is a
child process (settings are fixed per process) that migrates a throwaway SQLite database,
loads the demo and renders each page REQUESTS times with Django's test Client after
WARM_UP requests, the page cache off (every request a full render, as a cache miss is).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 10
REQUESTS = 100
RESULT_PREFIX = "BENCH-RESULT "
CASES = [("one edition", "en"), ("three editions", "en,es,ar")]
PAGES = {
    "English article": ("en", "harbour-bridge-closed-cable-inspection"),
    "Spanish article": ("es", "puente-del-puerto-cerrado-cable"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.requests)
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-editions-") as tmp:
        for label, codes in CASES:
            rows += run_child(label, codes, Path(tmp) / label.replace(" ", "-"), args.requests)
    print(f"{'case':<16} {'page':<16} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for row in rows:
        print(
            f"{row['case']:<16} {row['page']:<16} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{row['queries']:>8}"
        )


def run_child(label, codes, folder, requests):
    folder.mkdir(parents=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PAGE_CACHE_DIR": str(folder / "pages"),
        "NEWSDESK_EDITIONS": codes,
        "NEWSDESK_CACHE_ENABLED": "false",
        "NEWSDESK_CACHE_FRAGMENTS": "false",
        "NEWSDESK_CACHE_ROUTES": "false",
        "DJANGO_DEBUG": "false",
    }
    run = subprocess.run(
        [sys.executable, __file__, "--measure", "--requests", str(requests)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode:
        sys.exit(f"{label}: the child failed\n{run.stderr[-3000:]}")
    lines = [line for line in run.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    return [{"case": label, **json.loads(line.removeprefix(RESULT_PREFIX))} for line in lines]


def measure(requests):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from newsdesk.news.models import ArticlePage

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    running = {code for code, _ in settings.LANGUAGES}
    client = Client()
    for name, (code, slug) in PAGES.items():
        if code not in running:
            continue
        url = ArticlePage.objects.get(slug=slug, locale__language_code=code).url
        for _ in range(WARM_UP):
            assert client.get(url).status_code == 200
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        result = {
            "page": name,
            "p50": statistics.median(timings),
            "p95": statistics.quantiles(timings, n=20)[-1],
            "queries": len(queries),
        }
        print(RESULT_PREFIX + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
