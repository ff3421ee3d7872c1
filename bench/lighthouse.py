"""Lighthouse scores of every kind of reader page: `make bench-lighthouse`.

Builds the demo newsroom in a throwaway SQLite database, serves it as production does
(the production settings: DEBUG off, the page cache on, hashed and compressed static
files from collectstatic, media on moto's S3 server) with granian on a free loopback
port, then runs Lighthouse (node_modules, `npm ci`) in Debian's Chromium, mobile preset,
on each page of newsdesk/demo/reader_pages.py, and prints performance, accessibility,
best practices and SEO per page, with the ids of the audits that failed. The JSON
reports are kept in bench/out/lighthouse/. Never part of the test suite.
"""

import argparse
import contextlib
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy import localprod  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
OUT_DIR = ROOT / "bench" / "out" / "lighthouse"
# Lighthouse's own line between "passed" and "needs work" (its report colours it amber).
PASSING = 0.9
SCORED = {"binary", "numeric", "metricSavings"}

READER_PAGES = """
import json
from newsdesk.demo.reader_pages import reader_pages
print(json.dumps(reader_pages()))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", action="append", help="only these pages (by name); repeatable")
    options = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE.relative_to(ROOT)} not found: run `npm ci`")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} not found: apt-get install chromium")

    run_dir = Path(f"/tmp/newsdesk-lighthouse-{os.getpid()}")
    processes = localprod.Processes(run_dir / "logs")
    try:
        results = run(options, run_dir, processes)
    finally:
        processes.stop_all()
    report(results)


def run(options, run_dir, processes):
    ports = {name: localprod.free_port() for name in ("s3", "app")}
    base_url = f"http://127.0.0.1:{ports['app']}"
    localprod.start_moto(processes, ports["s3"])
    env = localprod.app_environment(
        f"sqlite:///{run_dir / 'db.sqlite3'}",
        ports["s3"],
        base_url,
        REDIS_URL="",  # the embedded default: the page cache in a folder
        PAGE_CACHE_DIR=str(run_dir / "pages"),
        STATIC_ROOT=str(run_dir / "static"),
    )
    print(f"building the demo in {run_dir}...", flush=True)
    localprod.prepare_app(env)
    pages = json.loads(django_shell(env, READER_PAGES))
    if options.page:
        pages = {name: path for name, path in pages.items() if name in options.page}
    # ASGI, so the live blog's event stream answers as it does behind Varnish.
    localprod.start_streams_app(processes, env, ports["app"], name="granian")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    results = {}
    for number, (name, path) in enumerate(pages.items()):
        url = base_url + path
        warm(url)  # a reader who is not the first: the page cache has the page
        print(f"lighthouse {name}: {url}", flush=True)
        results[name] = lighthouse(url, OUT_DIR / f"{number:02}.json")
    return results


def django_shell(env, code):
    result = subprocess.run(
        [localprod.BIN / "python", "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()[-1]


def warm(url):
    """The first request makes every photo's renditions, which can take minutes."""
    with contextlib.suppress(urllib.error.HTTPError):  # a 404 page is still a page
        urllib.request.urlopen(url, timeout=600).read()


def lighthouse(url, output):
    subprocess.run(
        [
            LIGHTHOUSE,
            url,
            "--output=json",
            f"--output-path={output}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        timeout=300,
    )
    if not output.exists():
        raise SystemExit(f"Lighthouse wrote no report for {url}")
    return summary(json.loads(output.read_text()))


def summary(result):
    """{category: (score 0-100 or None, [failing audit ids])}. A page Lighthouse cannot
    audit (it refuses a 404 page) has no scores, and its error in place of the audits."""
    error = result.get("runtimeError")
    if error:
        return {key: (None, [error["code"]]) for key in CATEGORIES}
    audits = result["audits"]
    found = {}
    for key in CATEGORIES:
        category = result["categories"][key]
        failing = sorted(
            ref["id"]
            for ref in category["auditRefs"]
            if failed(audits[ref["id"]]) and ref.get("group") != "hidden"
        )
        score = category["score"]
        found[key] = (None if score is None else round(score * 100), failing)
    return found


def failed(audit):
    return (
        audit["scoreDisplayMode"] in SCORED
        and audit["score"] is not None
        and audit["score"] < PASSING
    )


def report(results):
    if not results:
        return
    width = max(len(name) for name in results)
    print()
    print(f"{'page':<{width}}  perf  a11y  b.p.   seo")
    for name, found in results.items():
        scores = "".join(f"{shown(found[key][0]):>6}" for key in CATEGORIES)
        print(f"{name:<{width}}{scores}")
    print("\nfailing audits (score below 90)")
    for name, found in results.items():
        if all(score is None for score, _failing in found.values()):
            print(f"  {name}: not audited ({', '.join(found[CATEGORIES[0]][1])})")
            continue
        for key in CATEGORIES:
            failing = found[key][1]
            if failing:
                print(f"  {name} / {key}: {', '.join(failing)}")


def shown(score):
    return "-" if score is None else str(score)


if __name__ == "__main__":
    main()
