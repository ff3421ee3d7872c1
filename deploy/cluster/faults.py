"""Faults injected into a running cluster (deploy/cluster/run.py), and what readers saw.

bench/cluster_faults.py prints the figures; tests/cluster/test_faults.py holds the most
important ones to their bounds. Everything is observed as readers and editors observe it:
HTTP on loopback (status codes, the version of a page a response carries, Varnish's own
logs of what it fetched from the app) and real signals (SIGKILL, SIGSTOP/SIGCONT) sent
to the cluster's process groups, named in RUN_DIR/cluster.json. Nothing here reads the
app's internals, so a change of purge mechanism (bans, xkey) keeps these measurements.

    Cluster      ports, process ids, signals, varnishstat, RSS per role
    Editor       a child process with the cluster's settings that publishes stories
    Readers      client threads recording every response (status, version seen)
    OriginLog    varnishncsa -b on a node: every fetch from the app, with its X-Cache
    wrk()        steady load, its errors parsed

Each fault function (`app_killed`, `varnish_killed`, ...) starts readers, injects the
fault, waits bounded times and returns plain figures (dicts of numbers).
"""

import contextlib
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from deploy.cluster import run  # noqa: E402

MARK = "fault-mark"


# --- the cluster as its state file names it ----------------------------------------------


class Cluster:
    def __init__(self, run_dir):
        self.dir = Path(run_dir)

    @property
    def state(self):
        return json.loads((self.dir / "cluster.json").read_text())

    @property
    def ports(self):
        return self.state["ports"]

    def pid(self, name):
        return self.state["pids"][name]

    def send(self, name, sig):
        """A real signal to the whole process group (granian's workers, varnishd's child)."""
        pid = self.pid(name)
        os.killpg(pid, sig)
        return pid

    def wait_for_restart(self, name, old_pid, timeout=30):
        """Seconds until the supervisor has started `name` again (a new pid in the state
        file), or None."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            with contextlib.suppress(OSError, ValueError, KeyError):
                if self.pid(name) != old_pid:
                    return time.monotonic() - started
            time.sleep(0.1)
        return None

    def environment(self):
        """What the app processes read (run.py's cluster_environment)."""
        ports = run.Ports.from_state(self.ports)
        return run.cluster_environment(
            ports,
            run.database_url(ports.primary),
            run.database_url(ports.replica),
            f"redis://127.0.0.1:{ports.redis}",
            self.dir,
        )

    def varnish_name(self, number):
        return str(self.dir / f"varnish-{number}" / "varnish")

    def varnishstat(self, number):
        output = subprocess.run(
            ["varnishstat", "-n", self.varnish_name(number), "-1", "-j"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
        counters = json.loads(output)
        counters = counters.get("counters", counters)
        return {name: entry["value"] for name, entry in counters.items() if "value" in entry}

    def sql(self, port, query, *params):
        import psycopg

        url = run.database_url(port)
        with psycopg.connect(url, autocommit=True, connect_timeout=3) as connection:
            return connection.execute(query, params).fetchone()

    def redis(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.ports["redis"], db=1)

    def memory_by_role(self):
        """Resident and proportional set size (MB) of each role's process group, and how
        many processes it holds (granian's workers, Varnish's child, PostgreSQL's
        backends)."""
        groups = defaultdict(list)
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError):
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    groups[int(fields[2])].append(entry)
        roles = {}
        for name, pid in self.state["pids"].items():
            rss = pss = 0
            for process in groups.get(pid, []):
                with contextlib.suppress(OSError):
                    for line in (process / "smaps_rollup").read_text().splitlines():
                        if line.startswith("Rss:"):
                            rss += int(line.split()[1])
                        elif line.startswith("Pss:"):
                            pss += int(line.split()[1])
            roles[name] = {
                "processes": len(groups.get(pid, [])),
                "rss_mb": round(rss / 1024, 1),
                "pss_mb": round(pss / 1024, 1),
            }
        return roles


# --- HTTP as a reader --------------------------------------------------------------------


def fetch(port, path, headers=None, timeout=5, method="GET", body=None):
    """(status, headers, body); status 0 when the connection failed or timed out."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    except (OSError, http.client.HTTPException):
        return 0, {}, b""
    finally:
        connection.close()


def version_in(body):
    """The highest fault-mark version a page shows (titles carry "fault-mark-<n>")."""
    found = re.findall(rf"{MARK}-(\d+)".encode(), body)
    return max((int(number) for number in found), default=None)


class Readers:
    """`clients` threads, each reading `paths` from `ports` in turn until stopped, every
    response recorded as (monotonic time, port, path, status, version seen)."""

    def __init__(self, ports, paths, clients=4, timeout=5, pause=0.0):
        self.ports, self.paths, self.timeout, self.pause = list(ports), list(paths), timeout, pause
        self.records = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.read, daemon=True) for _ in range(clients)]

    def read(self):
        rng = random.Random()
        while not self.stopping.is_set():
            port, path = rng.choice(self.ports), rng.choice(self.paths)
            status, _headers, body = fetch(port, path, timeout=self.timeout)
            with self.lock:
                self.records.append((time.monotonic(), port, path, status, version_in(body)))
            if self.pause:
                time.sleep(self.pause)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(self.timeout + 5)

    def errors(self, port=None, since=None, until=None):
        return sum(
            1
            for at, seen_port, _path, status, _version in self.records
            if status != 200
            and (port is None or seen_port == port)
            and (since is None or at >= since)
            and (until is None or at <= until)
        )

    def count(self, port=None):
        return sum(1 for record in self.records if port is None or record[1] == port)

    def statuses(self, port=None):
        return dict(Counter(r[3] for r in self.records if port is None or r[1] == port))


def visible_after(ports, path, version, since, timeout=30, interval=0.05):
    """Per port, the seconds from `since` (a monotonic time) until the page shows
    `version` or later; None when it did not within the timeout."""
    seen = {}
    deadline = time.monotonic() + timeout
    while len(seen) < len(ports) and time.monotonic() < deadline:
        for port in ports:
            if port in seen:
                continue
            status, _headers, body = fetch(port, path, timeout=1)
            found = version_in(body) if status == 200 else None
            if found is not None and found >= version:
                seen[port] = time.monotonic() - since
        time.sleep(interval)
    return {port: seen.get(port) for port in ports}


# --- the editor: a child process with the cluster's settings ----------------------------


class Editor:
    """Publishes through Django with the cluster's settings, as the admin's Publish does
    (a new revision, published; purges go to RQ after the commit). One child process,
    spoken to in JSON lines, so the caller needs no Django of its own."""

    def __init__(self, cluster):
        env = {**os.environ, **cluster.environment()}
        env.pop("DATABASE_URL_TEST", None)
        self.process = subprocess.Popen(
            [sys.executable, __file__, "editor"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.version = 0

    def ask(self, **request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the editor process stopped ({self.process.poll()})")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def front_story(self):
        """{"id", "path", "title"}: the story at the top of the front page."""
        return self.ask(op="front_story")

    def publish(self, story, version=None):
        """A new revision of the story whose headline carries the next version; returns
        (version, monotonic time just after the commit)."""
        self.version = version or self.version + 1
        title = f"{story['title'].split(' ' + MARK)[0]} {MARK}-{self.version}"
        self.ask(op="publish", id=story["id"], title=title)
        return self.version, time.monotonic()

    def add_stories(self, count):
        return self.ask(op="add_stories", count=count)["paths"]

    def close(self):
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def serve_editor():
    """The child's side of Editor (`python deploy/cluster/faults.py editor`)."""
    import django

    django.setup()
    from django.db import transaction

    from newsdesk.news.models import ArticlePage

    def front_story():
        story = ArticlePage.objects.live().order_by("-first_published_at", "-pk").first()
        return {"id": story.pk, "path": story.get_url(), "title": story.title}

    def publish(request):
        # .specific: a live blog is an ArticlePage too, and Wagtail revises only the
        # specific page.
        story = ArticlePage.objects.get(pk=request["id"]).specific
        story.title = story.draft_title = request["title"]
        with transaction.atomic():
            story.save_revision().publish()
        return {"ok": True}

    def add_stories(request):
        sys.path.insert(0, str(ROOT / "bench"))
        from feeds_search import add_stories as bulk_add

        bulk_add(ArticlePage.objects.live().count() + request["count"])
        pages = ArticlePage.objects.live().order_by("-first_published_at")
        return {"paths": [page.get_url() for page in pages[: request["count"]]]}

    def stories_at(request):
        found = []
        for path in request["paths"]:
            slug = path.rstrip("/").rsplit("/", 1)[-1]
            for story in ArticlePage.objects.filter(slug=slug):
                if story.get_url() == path:
                    found.append({"id": story.pk, "path": path, "title": story.title})
        return {"stories": found}

    operations = {"front_story": lambda _request: front_story(), "publish": publish}
    operations.update(add_stories=add_stories, stories_at=stories_at)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = operations[request["op"]](request)
        except Exception as error:
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)


# --- what Varnish fetched from the app ---------------------------------------------------


class OriginLog:
    """varnishncsa -b on one node: a line per fetch from the app (its time, URL and the
    app's X-Cache: MISS is a render, HIT/STALE a copy from the app's page store)."""

    def __init__(self, cluster, number, path):
        self.path = Path(path)
        self.process = subprocess.Popen(
            ["varnishncsa", "-n", cluster.varnish_name(number), "-b",
             "-F", "%{%s}t %U %{X-Cache}o %s", "-w", self.path],
        )  # fmt: skip
        time.sleep(0.5)  # it attaches to the shared memory log

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def fetches(self):
        """[(unix second, url, app's X-Cache, status)]"""
        rows = []
        if self.path.exists():
            for line in self.path.read_text().splitlines():
                parts = line.split()
                if len(parts) == 4 and parts[0].isdigit():
                    rows.append((int(parts[0]), parts[1], parts[2], parts[3]))
        return rows


# --- steady load -------------------------------------------------------------------------


def wrk(port, path="/", seconds=10, connections=16, threads=2, script=None):
    """wrk's figures: requests, rate, latency percentiles, errors of every kind."""
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
            "--timeout", "5s"]  # fmt: skip
    if script:
        argv += ["-s", str(script)]
    output = subprocess.run(
        [*argv, f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    ).stdout
    return parse_wrk(output)


def parse_wrk(output):
    figures = {"requests": 0, "rate": 0.0, "non_2xx": 0, "socket_errors": 0}
    if match := re.search(r"(\d+) requests in", output):
        figures["requests"] = int(match[1])
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        figures["rate"] = float(match[1])
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        figures["non_2xx"] = int(match[1])
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        figures["socket_errors"] = sum(int(number) for number in match.groups())
    for percentile in ("50", "99"):
        if match := re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)", output, re.M):
            scale = {"us": 0.001, "ms": 1, "s": 1000}[match[2]]
            figures[f"p{percentile}_ms"] = round(float(match[1]) * scale, 2)
    figures["errors"] = figures["non_2xx"] + figures["socket_errors"]
    return figures


class Background:
    """A function run in a thread; its result (or exception) read on join."""

    def __init__(self, function, *args, **kwargs):
        self.result, self.error = None, None

        def target():
            try:
                self.result = function(*args, **kwargs)
            except Exception as error:
                self.error = error

        self.thread = threading.Thread(target=target, daemon=True)
        self.thread.start()

    def join(self, timeout=None):
        self.thread.join(timeout)
        if self.error:
            raise self.error
        return self.result


def percentile(values, fraction):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


# --- a reader with cookies ---------------------------------------------------------------


class Browser:
    """One reader's cookies, kept as a browser keeps them (max-age honoured; paths and
    the Secure flag ignored: the cluster is plain http on loopback)."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, path, method="GET", fields=None, headers=None, timeout=10):
        from http.cookies import SimpleCookie
        from urllib.parse import urlencode

        now = time.monotonic()
        self.cookies = {k: v for k, v in self.cookies.items() if v[1] is None or v[1] > now}
        sent = {"Cookie": "; ".join(f"{k}={v[0]}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers={**sent, **(headers or {})})
            response = connection.getresponse()
            content = response.read()
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    age = morsel["max-age"]
                    expires = now + int(age) if age else None
                    if age and int(age) <= 0:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = (morsel.value, expires)
            return response.status, content
        except (OSError, http.client.HTTPException):
            return 0, b""
        finally:
            connection.close()


# --- the faults --------------------------------------------------------------------------


def app_killed(cluster, seconds=8, kill_after=2, connections=16):
    """SIGKILL an app process under steady wrk on HAProxy: reader errors, and how soon
    the supervisor has it running again."""
    port = cluster.ports["haproxy"]
    load = Background(wrk, port, "/news/", seconds, connections)
    with Readers([port], ["/", "/news/"], clients=2) as readers:
        time.sleep(kill_after)
        old = cluster.send("app-1", signal.SIGKILL)
        restarted = cluster.wait_for_restart("app-1", old, timeout=seconds)
        load.join(seconds + 30)
    return {
        "wrk": load.result,
        "reader_responses": readers.count(),
        "reader_errors": readers.errors(),
        "restarted_after_s": restarted,
    }


def wait_for_node(port, timeout=30):
    """Seconds until a Varnish node answers again (any status), or None."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if fetch(port, "/healthz/", timeout=1)[0]:
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def readings(readers, port, path, since):
    """(time, version seen) of each 200 from `port` for `path` at or after `since`."""
    return [
        (at, seen)
        for at, seen_port, seen_path, status, seen in readers.records
        if seen_port == port and seen_path == path and at >= since and status == 200
    ]


def stale_after(readers, port, path, version, since):
    """Responses from `port` for `path` at or after `since` showing an older version."""
    return sum(
        1 for _at, seen in readings(readers, port, path, since) if seen is None or seen < version
    )


def first_seen(readers, port, path, version, since):
    """Seconds from `since` until a reader's response from `port` for `path` showed
    `version` or later; None when none did."""
    times = [
        at
        for at, seen in readings(readers, port, path, since)
        if seen is not None and seen >= version
    ]
    return min(times) - since if times else None


def varnish_killed(cluster, editor, story, warm_reads=3):
    """SIGKILL varnish-1 with the story cached on both nodes, publish while it is dead:
    varnish-2 keeps serving (its errors) and sees the new version; varnish-1 comes back
    (started again by the supervisor) and never serves the version from before."""
    first, second = cluster.ports["varnish"]
    path = story["path"]
    version, published = editor.publish(story)
    visible_after([first, second], path, version, published)
    for _ in range(warm_reads):
        fetch(first, path), fetch(second, path)
    with Readers([second], [path, "/"], clients=2) as survivors:
        killed = time.monotonic()
        old = cluster.send("varnish-1", signal.SIGKILL)
        version, published = editor.publish(story)
        restarted = cluster.wait_for_restart("varnish-1", old, timeout=30)
        answering = wait_for_node(first) if restarted is not None else None
        back = time.monotonic()
        with Readers([first], [path], clients=1) as returned:
            visible_after([first], path, version, published)
            time.sleep(2)
    survivor_visible = first_seen(survivors, second, path, version, published)
    return {
        "survivor_responses": survivors.count(),
        "survivor_errors": survivors.errors(),
        "survivor_visible_s": survivor_visible,
        "survivor_stale_after_visible": survivor_visible is not None
        and stale_after(survivors, second, path, version, published + survivor_visible),
        "restarted_after_s": restarted,
        "answering_after_s": answering and round(back - killed, 2),
        "returned_responses": returned.count(),
        "returned_stale_responses": stale_after(returned, first, path, version, back),
        "returned_errors": returned.errors(),
    }


def varnish_frozen(cluster, editor, story, frozen_seconds=6):
    """SIGSTOP varnish-1 (alive, its cache intact, deaf) and publish: how long varnish-2
    stays stale meanwhile, and varnish-1 after SIGCONT (it missed the purge)."""
    first, second = cluster.ports["varnish"]
    path = story["path"]
    version, published = editor.publish(story)
    visible_after([first, second], path, version, published)
    fetch(first, path), fetch(second, path)
    cluster.send("varnish-1", signal.SIGSTOP)
    try:
        version, published = editor.publish(story)
        during = visible_after([second], path, version, published, timeout=frozen_seconds)
        time.sleep(max(0.0, published + frozen_seconds - time.monotonic()))
    finally:
        cluster.send("varnish-1", signal.SIGCONT)
    continued = time.monotonic()
    with Readers([first], [path], clients=1) as returned:
        after = visible_after([first, second], path, version, continued, timeout=120)
        time.sleep(1)
    return {
        "frozen_s": frozen_seconds,
        "other_node_visible_s": during[second],
        "frozen_node_visible_after_continue_s": after[first],
        "frozen_node_stale_responses_after_continue": stale_after(
            returned, first, path, version, continued
        ),
    }


def busy_purge_worker(cluster, timeout=10):
    """The cluster's name (rq-N) of the worker running a purge job, once one is: RQ
    records each worker's pid, the process group cluster.json names."""
    from rq import Worker

    connection = cluster.redis()
    names = {pid: name for name, pid in cluster.state["pids"].items()}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for worker in Worker.all(connection=connection):
            job = worker.get_current_job()
            if job is not None and job.origin == "purge" and worker.pid in names:
                return names[worker.pid]
        time.sleep(0.02)
    return None


def worker_killed_mid_purge(cluster, editor, story, hold_seconds=1.0):
    """A purge job caught mid-way (varnish-1 frozen, so the PURGE to it hangs), its
    worker SIGKILLed, varnish-1 thawed: how long the page stays stale on each node."""
    first, second = cluster.ports["varnish"]
    path = story["path"]
    version, published = editor.publish(story)
    visible_after([first, second], path, version, published)
    fetch(first, path), fetch(second, path)
    cluster.send("varnish-1", signal.SIGSTOP)
    try:
        version, published = editor.publish(story)
        name = busy_purge_worker(cluster)
        caught = time.monotonic()
        if name is not None:
            old = cluster.send(name, signal.SIGKILL)
        time.sleep(hold_seconds)
    finally:
        cluster.send("varnish-1", signal.SIGCONT)
    visible = visible_after([first, second], path, version, published, timeout=120)
    return {
        "killed_worker": name,
        "caught_after_s": round(caught - published, 2),
        "stale_s": visible,
        "worker_restarted": name is not None
        and cluster.wait_for_restart(name, old, timeout=20) is not None,
    }


def comment_fields(html):
    fields = dict(re.findall(rb'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', html))
    return {key.decode(): value.decode() for key, value in fields.items()}


def replica_paused(cluster, story, paused_seconds=12, interval=0.5):
    """Replay paused on the replica; a reader posts a comment and keeps reading the
    thread: do they see it on every read? Another reader, meanwhile, sees the replica's
    state (at most the lag). Resumed at the end, whatever happens."""
    port = cluster.ports["varnish"][0]
    replica = cluster.ports["replica"]
    fragment = f"/comments/article/{story['id']}/fragment/"
    poster, other = Browser(port), Browser(port)
    _status, html = poster.request(fragment)
    fields = comment_fields(html)
    cluster.sql(replica, "SELECT pg_wal_replay_pause()")
    try:
        time.sleep(3.2)  # comments' MIN_SUBMIT_SECONDS: a human takes longer to type
        text = f"Seen under a paused replica {time.time_ns()}"
        status, answer = poster.request(
            f"/comments/article/{story['id']}/post/",
            "POST",
            {**fields, "body": text, "author_name": "Fault Reader",
             "author_email": "reader@example.org", "website": ""},
            headers={"Accept": "application/json", "X-CSRFToken": fields.get("csrfmiddlewaretoken", "")},
        )  # fmt: skip
        posted = time.monotonic()
        poster_reads, poster_saw, other_reads, other_saw = 0, 0, 0, 0
        while time.monotonic() - posted < paused_seconds:
            seen_status, page = poster.request(fragment)
            poster_reads += 1
            poster_saw += seen_status == 200 and text.encode() in page
            seen_status, page = other.request(fragment)
            other_reads += 1
            other_saw += seen_status == 200 and text.encode() in page
            time.sleep(interval)
        lag = cluster.sql(
            replica, "SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp())"
        )[0]
    finally:
        cluster.sql(replica, "SELECT pg_wal_replay_resume()")
    resumed = time.monotonic()
    other_after_resume = None
    pending = b'"pending": true' in answer
    while not pending and time.monotonic() - resumed < 10:
        seen_status, page = other.request(fragment)
        if seen_status == 200 and text.encode() in page:
            other_after_resume = round(time.monotonic() - resumed, 2)
            break
        time.sleep(0.1)
    return {
        "other_saw_it_after_resume_s": other_after_resume,
        "post_status": status,
        "pending": pending,
        "paused_s": paused_seconds,
        "poster_reads": poster_reads,
        "poster_saw_own_comment": poster_saw,
        "other_reads": other_reads,
        "other_saw_comment": other_saw,
        "replica_lag_at_end_s": round(float(lag), 1) if lag is not None else None,
    }


def publish_to_visible(cluster, editor, story, publishes=20, gap=1.0):
    """Seconds from the commit of a publish until each Varnish node serves the story's
    new version, over `publishes` publishes."""
    ports = cluster.ports["varnish"]
    times = defaultdict(list)
    for _ in range(publishes):
        fetch(ports[0], story["path"]), fetch(ports[1], story["path"])
        version, published = editor.publish(story)
        for port, seconds in visible_after(ports, story["path"], version, published).items():
            times[port].append(seconds)
        time.sleep(gap)
    every = [s for port in ports for s in times[port]]
    return {
        "publishes": publishes,
        "p50_s": round(percentile(every, 0.5), 3),
        "p95_s": round(percentile(every, 0.95), 3),
        "max_s": round(max(every), 3),
        "per_node_p95_s": {port: round(percentile(times[port], 0.95), 3) for port in ports},
        "never_visible": sum(1 for s in every if s is None),
    }


def purge_storm(cluster, editor, story, seconds=60, clients=32, log_dir=None):
    """A publish of the front page's top story every second while `clients` read the
    front page (half on each node): origin renders of "/" per second (the app's MISS in
    Varnish's backend log), reader errors, and how stale the front page got."""
    ports = cluster.ports["varnish"]
    log_dir = Path(log_dir or cluster.dir)
    logs = [OriginLog(cluster, n, log_dir / f"origin-{n}.log") for n in (1, 2)]
    loads = [Background(wrk, port, "/", seconds + 2, clients // 2, 1) for port in ports]
    lags, publishes = [], 0
    try:
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            tick = time.monotonic()
            version, published = editor.publish(story)
            publishes += 1
            seen = visible_after(ports, "/", version, published, timeout=0.9, interval=0.05)
            lags += [s for s in seen.values() if s is not None]
            time.sleep(max(0.0, tick + 1 - time.monotonic()))
        results = [load.join(seconds + 60) for load in loads]
    finally:
        for log in logs:
            log.stop()
    renders = Counter()
    fetches = Counter()
    for log in logs:
        for second, url, app_cache, _status in log.fetches():
            if url == "/":
                fetches[second] += 1
                renders[second] += app_cache == "MISS"
    seconds_seen = sorted(fetches)[1:-1] or sorted(fetches)  # whole seconds only
    return {
        "publishes": publishes,
        "reads": sum(r["requests"] for r in results),
        "read_rate": round(sum(r["rate"] for r in results)),
        "reader_errors": sum(r["errors"] for r in results),
        # Each node renders "/" once when first read and once after each purge: more is
        # a stampede (readers of a purged page each asking the app for it).
        "renders_beyond_one_a_node_a_purge": sum(renders.values()) - len(ports) * (publishes + 1),
        "renders_per_s_max": max((renders[s] for s in seconds_seen), default=0),
        "renders_per_s_mean": round(
            statistics.mean(renders[s] for s in seconds_seen) if seconds_seen else 0, 2
        ),
        "origin_fetches_per_s_max": max((fetches[s] for s in seconds_seen), default=0),
        "front_visible_p95_s": percentile(lags, 0.95),
        "front_not_visible_within_0_9_s": 2 * publishes - len(lags),
    }


ZIPF_SCRIPT = """
-- One path a request, drawn by Zipf's law over the paths file (rank 1 the most read).
local paths, cumulative, counter = {}, {}, 0
setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
end
init = function(args)
  local exponent, total, rank = tonumber(args[2]), 0, 0
  for line in io.lines(args[1]) do
    rank = rank + 1
    paths[rank] = line
    total = total + 1 / (rank ^ exponent)
    cumulative[rank] = total
  end
  for i = 1, rank do cumulative[i] = cumulative[i] / total end
  math.randomseed(os.time() * 100 + (id or 0))
end
request = function()
  local r, lo, hi = math.random(), 1, #cumulative
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cumulative[mid] < r then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", paths[lo], {["Accept-Encoding"] = "gzip, deflate, br"})
end
"""

HIT_COUNTERS = ("MAIN.cache_hit", "MAIN.cache_miss", "MAIN.cache_hitpass", "MAIN.cache_hitmiss",
                "MAIN.cache_hit_grace", "MAIN.n_lru_nuked", "MAIN.n_expired",
                "MAIN.fetch_failed", "MAIN.backend_fail")  # fmt: skip


def cache_counters(cluster):
    totals = Counter()
    for number in (1, 2):
        counters = cluster.varnishstat(number)
        totals.update({name: counters.get(name, 0) for name in HIT_COUNTERS})
    return totals


# What browsers accept, so what Varnish keeps the most of (its objects are per coding).
BROWSER_ENCODINGS = {"Accept-Encoding": "gzip, deflate, br"}


def warm(ports, paths, clients=6):
    """Every path read once on every node as browsers read it (the steady state of a
    site read all day)."""
    queue = [(port, path) for path in paths for port in ports]
    lock = threading.Lock()
    errors = []

    def work():
        while True:
            with lock:
                if not queue:
                    return
                port, path = queue.pop()
            if fetch(port, path, BROWSER_ENCODINGS, timeout=30)[0] != 200:
                errors.append(path)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(errors)


def breaking_news_hour(cluster, editor, paths, seconds=300, publish_every=5.0,
                       connections=32, exponent=1.0, hot=50, work_dir=None):  # fmt: skip
    """A stretch of a breaking-news hour, at its pace: wrk reads `paths` (most read
    first) by Zipf's law through both nodes as fast as they answer, while a story among
    the `hot` most read is published every `publish_every` seconds. Varnish's hit ratio
    over the run, from varnishstat; what the misses were (cold, purged, evicted)."""
    ports = cluster.ports["varnish"]
    work_dir = Path(work_dir or cluster.dir)
    paths_file = work_dir / "zipf-paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    script = work_dir / "zipf.lua"
    script.write_text(ZIPF_SCRIPT)
    interval = publish_every
    logs = [OriginLog(cluster, n, work_dir / f"hour-origin-{n}.log") for n in (1, 2)]
    before = cache_counters(cluster)
    loads = [
        Background(wrk_zipf, port, script, paths_file, exponent, seconds, connections // 2)
        for port in ports
    ]
    published, behind = 0, 0
    started = time.monotonic()
    stories = editor.ask(op="stories_at", paths=paths[:hot])["stories"]
    rng = random.Random(13)
    while time.monotonic() - started < seconds:
        due = started + published * interval
        if time.monotonic() < due:
            time.sleep(due - time.monotonic())
        elif time.monotonic() - due > interval:
            behind += 1
        editor.publish(rng.choice(stories))
        published += 1
    results = [load.join(seconds + 60) for load in loads]
    after = cache_counters(cluster)
    for log in logs:
        log.stop()
    delta = {name: after[name] - before[name] for name in HIT_COUNTERS}
    looked_up = delta["MAIN.cache_hit"] + delta["MAIN.cache_miss"]
    # A node's first fetch of a path is a cold miss (a story nobody had read on it yet);
    # the others are what publishing (purges) and expiry cost a warm cache.
    fetched = [(number, url) for number, log in enumerate(logs) for _t, url, *_ in log.fetches()]
    cold = len(set(fetched))
    again = len(fetched) - cold
    hits = delta["MAIN.cache_hit"]
    return {
        "seconds": seconds,
        "stories": len(paths),
        "publishes": published,
        "publishes_due": int(seconds / interval),
        "reads": sum(r["requests"] for r in results),
        "read_rate": round(sum(r["rate"] for r in results)),
        "reader_errors": sum(r["errors"] for r in results),
        "reader_non_2xx": sum(r["non_2xx"] for r in results),
        "reader_socket_errors": sum(r["socket_errors"] for r in results),
        "p99_ms": max(r.get("p99_ms", 0) for r in results),
        **{name.split(".")[1]: value for name, value in delta.items()},
        "hit_ratio": round(hits / looked_up, 4) if looked_up else None,
        "origin_fetches": len(fetched),
        "cold_fetches": cold,
        "warm_hit_ratio": round(hits / (hits + again), 4) if hits + again else None,
    }


def wrk_zipf(port, script, paths_file, exponent, seconds, connections):
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s",
            "-s", str(script), f"http://127.0.0.1:{port}/", "--", str(paths_file), str(exponent)]  # fmt: skip
    output = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60).stdout
    return parse_wrk(output)


if __name__ == "__main__" and sys.argv[1:] == ["editor"]:
    serve_editor()
