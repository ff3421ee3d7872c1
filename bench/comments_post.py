"""1,000 comments posted concurrently by 50 clients to a running server, on SQLite and on
PostgreSQL: every one stored exactly once, none lost, no 5xx; p50/p99 posting latency.

Run with `.venv/bin/python bench/comments_post.py`; never part of the test suite
(newsdesk/comments/tests/test_concurrency.py is its small cousin). For each database it:

  1. migrates a throwaway database (SQLite in a temporary folder; on PostgreSQL a database
     named newsdesk_bench_comments, created and dropped on the server named by DATABASE_URL,
     default postgres://root@127.0.0.1:5432/test) and publishes one article;
  2. starts granian (WSGI, the production server) on a free loopback port, with
     bench/comments_settings.py: DEBUG off, rate limits and the minimum typing time off;
  3. runs 50 client threads, each a browser with its own cookies: it opens the comments
     page once (CSRF cookie, form token), then posts 20 comments, half of the clients as
     the script does (JSON, expecting 201) and half as a plain form (expecting 302);
  4. stops the server, and checks in the database that the 1,000 texts are all there,
     each exactly once.
"""

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit, urlunsplit
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgres://root@127.0.0.1:5432/test"
BENCH_DATABASE = "newsdesk_bench_comments"
CLIENTS = 50
COMMENTS = 1000
RESULT_PREFIX = "BENCH-RESULT "


# --- the parent ---------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--comments", type=int, default=COMMENTS)
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes")
    parser.add_argument("--threads", type=int, default=16, help="granian threads per worker")
    parser.add_argument("--child", choices=["setup", "verify"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "setup":
        return child_setup()
    if args.child == "verify":
        return child_verify(args.comments, args.clients)

    results, notes = [], []
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-comments-") as tmp:
        sqlite_url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        results.append(run("SQLite", sqlite_url, Path(tmp) / "sqlite", args))
        with throwaway_postgres(postgres_server_url(), notes) as postgres_url:
            if postgres_url:
                results.append(run("PostgreSQL", postgres_url, Path(tmp) / "pg", args))
    print_table(results, notes, args)
    if any(r["stored"] != args.comments or r["duplicates"] or r["server_errors"] for r in results):
        sys.exit(1)


def postgres_server_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else POSTGRES_URL


@contextmanager
def throwaway_postgres(server_url, notes):
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
            yield urlunsplit(urlsplit(server_url)._replace(path=f"/{BENCH_DATABASE}"))
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


def child_env(database_url, work_dir):
    (work_dir / "static").mkdir(parents=True, exist_ok=True)  # STATIC_ROOT, quiets WhiteNoise
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.comments_settings",
        "NEWSDESK_BENCH_DIR": str(work_dir),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }


def run_child(env, *args):
    child = subprocess.run(
        [sys.executable, __file__, *args], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    lines = [line for line in child.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if child.returncode or not lines:
        sys.stdout.write(child.stdout)
        sys.exit(f"bench child {args} failed (exit {child.returncode})")
    return json.loads(lines[-1][len(RESULT_PREFIX) :])


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def server(env, args):
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "granian"),
        "--interface", "wsgi",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--workers", str(args.workers),
        "--blocking-threads", str(args.threads),
        "--no-access-log",
        "newsdesk.wsgi:application",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url, process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=20)


def wait_until_up(base_url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server exited with {process.returncode}")
        try:
            build_opener().open(base_url + "/comments/", timeout=2)
            return
        except HTTPError:
            return  # it answers
        except (URLError, OSError):
            time.sleep(0.25)
    sys.exit("the server did not start")


def run(label, database_url, work_dir, args):
    env = child_env(database_url, work_dir)
    print(f"{label}: migrating and publishing an article...", flush=True)
    article_id = run_child(env, "--child", "setup")["article"]
    with server(env, args) as base_url:
        print(f"{label}: {args.comments} comments from {args.clients} clients...", flush=True)
        load = post_concurrently(base_url, article_id, args.clients, args.comments)
    check = run_child(
        env, "--child", "verify", "--comments", str(args.comments), "--clients", str(args.clients)
    )
    return {"label": label, **load, **check}


# --- the clients ---------------------------------------------------------------------------


class NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def form_value(name, html):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def client(base_url, article_id, number, posts, results, lock):
    """One reader: open the comments page, then post, keeping cookies like a browser.
    Each form token makes one comment: the script gets the next one in the answer, a
    browser without it on the page the post redirects to."""
    opener = build_opener(HTTPCookieProcessor(CookieJar()), NoRedirect)
    page_url = f"{base_url}/comments/article/{article_id}/"
    page = opener.open(page_url, timeout=60).read().decode()
    token, form_token = form_value("csrfmiddlewaretoken", page), form_value("form_token", page)
    as_script = number % 2 == 0
    for n in range(posts):
        data = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "form_token": form_token,
                "body": f"Bench comment {n} from client {number}",
                "author_name": f"Bench reader {number}",
                "author_email": f"bench{number}@example.org",
            }
        ).encode()
        headers = {"Accept": "application/json"} if as_script else {}
        request = Request(
            f"{base_url}/comments/article/{article_id}/post/", data=data, headers=headers
        )
        began = time.perf_counter()
        try:
            with opener.open(request, timeout=60) as response:
                status = response.status
                form_token = json.loads(response.read())["form_token"]
        except HTTPError as error:
            status = error.code
        except (URLError, OSError):
            status = 0  # no answer at all
        elapsed = time.perf_counter() - began
        if not as_script:
            page = opener.open(page_url, timeout=60).read().decode()
            form_token = form_value("form_token", page)
        with lock:
            results.append((status, elapsed, as_script))


def post_concurrently(base_url, article_id, clients, comments):
    results, lock = [], threading.Lock()
    per_client = comments // clients
    threads = [
        threading.Thread(target=client, args=(base_url, article_id, n, per_client, results, lock))
        for n in range(clients)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    latencies = sorted(elapsed for _, elapsed, _ in results)
    expected = {True: 201, False: 302}
    return {
        "sent": len(results),
        "ok": sum(status == expected[as_script] for status, _, as_script in results),
        "server_errors": sum(status >= 500 or status == 0 for status, _, _ in results),
        "other": sorted({status for status, _, s in results if status != expected[s]}),
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
        "max_ms": 1000 * latencies[-1],
        "wall_s": wall,
    }


# --- inside Django (child processes) ------------------------------------------------------


def django_setup():
    import django

    django.setup()


def child_setup():
    django_setup()
    from django.core.management import call_command
    from wagtail.models import Site

    from newsdesk.news.models import ArticlePage, HomePage, SectionPage

    call_command("migrate", verbosity=0, interactive=False)
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        home = site.root_page.add_child(instance=HomePage(title="Front page", slug="front"))
        site.root_page = home
        site.save()
    section = home.add_child(instance=SectionPage(title="News", slug="news"))
    article = section.add_child(
        instance=ArticlePage(title="Bench article", slug="bench-article", standfirst="Bench.")
    )
    article.save_revision().publish()
    print(RESULT_PREFIX + json.dumps({"article": article.pk}), flush=True)


def child_verify(comments, clients):
    django_setup()
    from django.db.models import Count

    from newsdesk.comments.models import Comment

    per_client = comments // clients
    expected = {
        f"Bench comment {n} from client {c}" for c in range(clients) for n in range(per_client)
    }
    stored = Comment.objects.filter(body__startswith="Bench comment ")
    bodies = set(stored.values_list("body", flat=True))
    duplicates = stored.values("body").annotate(n=Count("pk")).filter(n__gt=1).count()
    result = {
        "stored": stored.count(),
        "distinct": len(bodies),
        "missing": len(expected - bodies),
        "unexpected": len(bodies - expected),
        "duplicates": duplicates,
    }
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def print_table(results, notes, args):
    print()
    print(f"{args.comments:,} comments, {args.clients} concurrent clients, granian "
          f"{args.workers} workers x {args.threads} threads")  # fmt: skip
    header = ("database", "sent", "ok", "stored", "missing", "dupes", "5xx", "p50 ms", "p99 ms", "max ms", "wall s")  # fmt: skip
    print(" | ".join(f"{h:>10}" for h in header))
    for r in results:
        row = (
            r["label"], r["sent"], r["ok"], r["stored"], r["missing"], r["duplicates"],
            r["server_errors"], f"{r['p50_ms']:.0f}", f"{r['p99_ms']:.0f}",
            f"{r['max_ms']:.0f}", f"{r['wall_s']:.1f}",
        )  # fmt: skip
        print(" | ".join(f"{v!s:>10}" for v in row))
        if r["other"]:
            print(f"  {r['label']}: unexpected statuses {r['other']}")
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
