"""How fast the feeds, the sitemaps and the site search are with 10,000 stories, on SQLite
and on PostgreSQL.

Run with `.venv/bin/python bench/feeds_search.py`; never part of the test suite. For each
database a child process (Django's settings are fixed per process) migrates a throwaway
database, loads the demo newsroom (8 sections, 45 stories, their photos), adds generated
stories up to 10,000 in bulk (treebeard paths computed here, one INSERT per batch), indexes
them for search, then measures with Django's test Client:

  feeds         each scope and format, with excerpts and with full text: render p50 over
                REQUESTS requests after a warm-up (which makes the photo renditions)
  sitemaps      the index, the first and a middle page of the paged sitemap, authors,
                topics and the Google News sitemap: render p50
  search        QUERIES queries of one to three words, each run ROUNDS times after a
                warm-up: p50 and p99 of the whole search page, best match first, then
                newest first within a section; and the commonest word, the slowest

Before measuring, every photo's thumbnail and feed renditions are made and PostgreSQL's
planner statistics gathered, as on a site that has been running for a while.

The full-page cache (newsdesk.caching) is off while measuring: these are render times.
The SQLite database lives in a temporary folder. The PostgreSQL run creates and drops a
database named newsdesk_bench_feeds on the server named by DATABASE_URL (default
postgres://root@127.0.0.1:5432/test), and is left out, with a note, when that server is
unreachable.
"""

import argparse
import itertools
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgres://root@127.0.0.1:5432/test"
BENCH_DATABASE = "newsdesk_bench_feeds"
STORIES = 10_000
REQUESTS = 10
ROUNDS = 3
RESULT_PREFIX = "BENCH-RESULT "
BATCH = 500

# The words generated stories are written in, most frequent first, drawn with Zipf's law
# as real text is: a few words are in almost every story, most in a handful. Function
# words, then a newsroom's common words, then made-up names and terms.
FUNCTION_WORDS = ["the", "of", "and", "to", "in", "a", "for", "on", "with", "says", "that"]
NEWS_WORDS = [
    *["city", "council", "harbour", "river", "bridge", "school", "budget", "water", "police"],
    *["court", "market", "election", "hospital", "street", "museum", "ferry", "train", "tide"],
    *["storm", "winter", "summer", "workers", "union", "mayor", "report", "plan", "vote"],
    *["housing", "rent", "energy", "power", "price", "farmers", "festival", "team", "match"],
]
SYLLABLES = ["ka", "lo", "mi", "re", "su", "ton", "ber", "vil", "dra", "nes", "por", "quin"]
ZIPF_EXPONENT = 1.07
WORST_QUERY = "city"  # the most common news word: the slowest search there is
QUERIES = 50


# --- the parent: one child per database, then the table --------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=STORIES)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    if args.measure:
        measure(args.stories)
        return

    results, notes = [], []
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-feeds-") as tmp:
        sqlite_url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        results.append(run_child("SQLite", sqlite_url, Path(tmp) / "sqlite", args.stories))
        if not args.sqlite_only:
            with throwaway_postgres(postgres_server_url(), notes) as postgres_url:
                if postgres_url:
                    work_dir = Path(tmp) / "pg"
                    results.append(run_child("PostgreSQL", postgres_url, work_dir, args.stories))
    print_table(results, notes)


def postgres_server_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else POSTGRES_URL


def with_database(url, name):
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@contextmanager
def throwaway_postgres(server_url, notes):
    """Yield the URL of a fresh newsdesk_bench_feeds database, dropped afterwards; None
    if the server cannot be reached."""
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


def run_child(label, database_url, work_dir, stories):
    (work_dir / "static").mkdir(parents=True)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "NEWSDESK_BENCH_DIR": str(work_dir),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    print(f"{label}: migrating, loading the demo, adding stories up to {stories}...", flush=True)
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, __file__, "--measure", "--stories", str(stories)],
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


def ms(seconds):
    return f"{seconds * 1000:.1f}"


def print_table(results, notes):
    first = results[0]
    print(f"\n{first['stories']} stories ({first['generated']} generated), ms per request\n")
    rows = [(name, [ms(r["timings"][name]) for r in results]) for name in first["timings"]]
    rows += [
        ("search p50", [ms(r["search"]["p50"]) for r in results]),
        ("search p99", [ms(r["search"]["p99"]) for r in results]),
        (
            "search in a section, newest first p50",
            [ms(r["section_search"]["p50"]) for r in results],
        ),
        (
            "search in a section, newest first p99",
            [ms(r["section_search"]["p99"]) for r in results],
        ),
        (
            f"search for the commonest word, {WORST_QUERY!r}",
            [ms(r["search"]["worst"]) for r in results],
        ),
    ]
    width = max(len(name) for name, _ in rows)
    print("  ".join([" " * width, *(r["label"].rjust(10) for r in results)]))
    for name, cells in rows:
        print("  ".join([name.ljust(width), *(cell.rjust(10) for cell in cells)]))
    print()
    for result in results:
        print(
            f"{result['label']}: built in {result['build_seconds']:.0f} s, indexed in "
            f"{result['index_seconds']:.0f} s, whole run {result['seconds']:.0f} s; "
            f"search samples {result['search']['samples']}, "
            f"median results {result['search']['median_results']:.0f}, "
            f"{WORST_QUERY!r} finds {result['search']['worst_results']}"
        )
        if result["max_ranked"]:
            print(
                f"  {result['label']} sorts searches with more than {result['max_ranked']:,} "
                "matches newest first (NEWSDESK_SEARCH_MAX_RANKED_MATCHES)"
            )
    for note in notes:
        print(note)


# --- the child: build, then measure inside one configured Django ------------------------


def progress(message):
    print(f"  {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def measure(stories):
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", "--force", stdout=StringIO())
    progress("demo loaded; adding stories")
    started = time.perf_counter()
    generated = add_stories(stories)
    build_seconds = time.perf_counter() - started
    progress(f"{generated} stories added in {build_seconds:.0f} s; indexing")
    started = time.perf_counter()
    index_generated()
    index_seconds = time.perf_counter() - started
    analyze_and_render_thumbnails()
    progress(f"indexed in {index_seconds:.0f} s; measuring")

    from django.test import override_settings

    from newsdesk.news.models import ArticlePage
    from newsdesk.search.conf import search_settings

    # Render times: the full-page cache (newsdesk.caching) would answer repeats itself.
    with override_settings(NEWSDESK_CACHE_ENABLED=False):
        result = {
            "stories": ArticlePage.objects.live().count(),
            "generated": generated,
            "build_seconds": build_seconds,
            "index_seconds": index_seconds,
            "timings": time_pages(),
            "search": time_searches(section=None),
            "section_search": time_searches(section="news"),
            "max_ranked": search_settings.MAX_RANKED_MATCHES,
        }
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def add_stories(target):
    """Generated stories, in bulk, up to `target` live stories in all."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from taggit.models import Tag
    from wagtail.models import Page

    from newsdesk.multimedia.models import CustomImage
    from newsdesk.news.models import ArticleByline, ArticlePage, ArticleTag, Author, SectionPage

    missing = target - ArticlePage.objects.live().count()
    if missing <= 0:
        return 0
    rng = random.Random(20260302)
    writer = Writer(rng)
    sections = list(SectionPage.objects.live().order_by("path"))
    authors = list(Author.objects.all())
    photos = list(CustomImage.objects.values_list("pk", flat=True))
    tags = [Tag.objects.get_or_create(name=word, slug=word)[0] for word in NEWS_WORDS[:30]]
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()

    with transaction.atomic():
        counts = {section.pk: 0 for section in sections}
        pages, details = [], []
        for number in range(missing):
            section = sections[number % len(sections)]
            step = section.numchild + counts[section.pk] + 1
            counts[section.pk] += 1
            title = writer.headline()
            slug = f"story-{number}-{uuid.uuid4().hex[:6]}"
            # Two per cent within the news sitemap's 48 hours, the rest over two years.
            age = (
                timedelta(hours=rng.uniform(0, 47))
                if number % 50 == 0
                else timedelta(days=rng.uniform(2, 730))
            )
            published = now - age
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=Page._get_path(section.path, section.depth + 1, step),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    content_type=content_type,
                    # The section's edition: a story in another locale answers 404
                    # there (7,640 of the breaking-news hour's 10,000 stories did).
                    locale_id=section.locale_id,
                    translation_key=uuid.uuid4(),
                    live=True,
                    first_published_at=published,
                    last_published_at=published,
                    latest_revision_created_at=published,
                )
            )
            details.append(
                {
                    "kicker": rng.choice(["news"] * 6 + ["opinion", "analysis", "interview"]),
                    "standfirst": writer.sentence(24).capitalize() + ".",
                    "lead_image_id": rng.choice(photos),
                    "body": [
                        ("paragraph", f"<p>{writer.sentence(50).capitalize()}.</p>")
                        for _ in range(4)
                    ],
                    "authors": rng.sample(authors, rng.choice([1, 1, 1, 2])),
                    "tags": rng.sample(tags, rng.choice([1, 2, 3])),
                }
            )
        for start in range(0, len(pages), BATCH):
            batch = Page.objects.bulk_create(pages[start : start + BATCH])
            insert_articles(batch, details[start : start + BATCH])
        for section in sections:
            Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + counts[section.pk])

        bylines, tagged = [], []
        for page, detail in zip(pages, details, strict=True):
            bylines += [
                ArticleByline(page_id=page.pk, author=author, sort_order=position)
                for position, author in enumerate(detail["authors"])
            ]
            tagged += [ArticleTag(content_object_id=page.pk, tag=tag) for tag in detail["tags"]]
        ArticleByline.objects.bulk_create(bylines, batch_size=BATCH)
        ArticleTag.objects.bulk_create(tagged, batch_size=BATCH)
    return missing


def insert_articles(pages, details):
    """The news_articlepage rows of pages just inserted (Django cannot bulk_create a
    model that inherits from another table)."""
    from newsdesk.news.models import ArticlePage

    articles = [
        ArticlePage(
            page_ptr_id=page.pk,
            kicker=detail["kicker"],
            standfirst=detail["standfirst"],
            lead_image_id=detail["lead_image_id"],
            body=detail["body"],
        )
        for page, detail in zip(pages, details, strict=True)
    ]
    fields = ArticlePage._meta.local_concrete_fields
    ArticlePage.objects._insert(articles, fields=fields)


def index_generated():
    """Add every story to the search index, in batches, as update_index would."""
    from wagtail.search.backends import get_search_backend

    from newsdesk.news.models import ArticlePage

    backend = get_search_backend()
    index = backend.get_index_for_model(ArticlePage)
    stories = ArticlePage.objects.prefetch_related("tags").order_by("pk")
    for start in range(0, stories.count(), BATCH):
        index.add_items(ArticlePage, list(stories[start : start + BATCH]))


def analyze_and_render_thumbnails():
    """What a site that has been running for a while has: the renditions its pages show
    and, on PostgreSQL, the planner's statistics (autovacuum gathers them after a bulk
    load; SQLite gathers none unless told, and Django never tells it)."""
    from django.db import connection

    from newsdesk.multimedia.models import CustomImage

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    for image in CustomImage.objects.all():
        image.get_renditions("fill-240x135|format-jpeg", "fill-1200x675|format-jpeg")


def vocabulary():
    made_up = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES]
    return FUNCTION_WORDS + NEWS_WORDS + made_up


class Writer:
    """Sentences of words drawn with Zipf's law over the vocabulary."""

    def __init__(self, rng):
        self.rng = rng
        self.words = vocabulary()
        weights = [1 / rank**ZIPF_EXPONENT for rank in range(1, len(self.words) + 1)]
        self.cumulative = list(itertools.accumulate(weights))

    def sentence(self, count):
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=count))

    def headline(self):
        # Headlines start with a word that means something.
        first = self.rng.choice(NEWS_WORDS + self.words[len(FUNCTION_WORDS) + 36 :][:300])
        return f"{first.capitalize()} {self.sentence(self.rng.randint(5, 9))}"


def time_pages():
    from django.test import Client
    from wagtail.models import Site

    from newsdesk.core.models import NewsroomSettings

    client = Client()
    urls = {
        "feed: site, RSS": "/feeds/rss/",
        "feed: site, Atom": "/feeds/atom/",
        "feed: site, JSON Feed": "/feeds/json/",
        "feed: section (News + subsections), RSS": "/feeds/sections/news/rss/",
        "feed: author, RSS": f"/feeds/authors/{busiest_author()}/rss/",
        "feed: topic, RSS": f"/feeds/topics/{NEWS_WORDS[0]}/rss/",
        "sitemap index": "/sitemap.xml",
        "sitemap pages, page 1": "/sitemap-pages.xml",
        "sitemap pages, a middle page": middle_sitemap_page(client),
        "sitemap authors": "/sitemap-authors.xml",
        "sitemap topics": "/sitemap-topics.xml",
        "Google News sitemap": "/sitemap-news.xml",
    }
    timings = {}
    for name, url in urls.items():
        timings[name] = time_url(client, url)
        progress(f"{name}: {timings[name] * 1000:.0f} ms")

    newsroom = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    newsroom.feed_full_text = True
    newsroom.save()
    for name, url in list(urls.items())[:4]:
        timings[f"{name}, full text"] = time_url(client, url)
        progress(f"{name}, full text: {timings[f'{name}, full text'] * 1000:.0f} ms")
    return timings


def middle_sitemap_page(client):
    index = client.get("/sitemap.xml").content.decode()
    pages = re.findall(r"<loc>http://testserver(/sitemap-pages\.xml[^<]*)</loc>", index)
    return pages[len(pages) // 2].replace("&amp;", "&")


def busiest_author():
    from django.db.models import Count

    from newsdesk.news.models import Author

    return Author.objects.annotate(stories=Count("bylines")).order_by("-stories").first().slug


def time_url(client, url):
    for _ in range(2):  # renditions are made on the first request
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def search_queries():
    """One to three words each, their frequency ranks spread evenly on a log scale: some
    find thousands of stories, most a few dozen to a few hundred, as readers' searches do."""
    rng = random.Random(7)
    words = vocabulary()

    def word():
        rank = int(math.exp(rng.uniform(math.log(len(FUNCTION_WORDS) + 1), math.log(len(words)))))
        return words[rank - 1]

    sizes = [1] * 25 + [2] * 15 + [3] * (QUERIES - 40)
    return [" ".join(word() for _ in range(size)) for size in sizes]


def time_searches(section):
    from django.test import Client

    from newsdesk.news.models import SectionPage

    client = Client()
    extra = {}
    if section:
        extra = {"section": SectionPage.objects.get(slug=section).pk, "sort": "newest"}
    queries = search_queries()
    for query in queries[:5]:  # warm-up
        client.get("/search/", {"q": query, **extra})
    progress(f"search{' in a section' if section else ''}: warmed up")
    timings, counts = [], []
    for _ in range(ROUNDS):
        for query in queries:
            started = time.perf_counter()
            response = client.get("/search/", {"q": query, **extra})
            timings.append(time.perf_counter() - started)
            counts.append(result_count(response))
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    started = time.perf_counter()
    worst = client.get("/search/", {"q": WORST_QUERY, **extra})
    worst_seconds = time.perf_counter() - started
    return {
        "p50": statistics.median(timings),
        "p99": cuts[98],
        "samples": len(timings),
        "median_results": statistics.median(counts),
        "worst": worst_seconds,
        "worst_results": result_count(worst),
    }


def result_count(response):
    summary = re.search(r'class="search-summary"[^>]*>(\d+) stor', response.content.decode())
    return int(summary.group(1)) if summary else 0


if __name__ == "__main__":
    main()
