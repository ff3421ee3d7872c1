"""The embedded default (no Redis) keeps pages in a folder every process of the site
shares: a story published by the scheduler, in its own process, is purged from the pages
the web server serves."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpResponse

from newsdesk.caching.store import PageStore, page_key, stored_tags

ROOT = Path(__file__).resolve().parents[3]
PURGE_IN_ANOTHER_PROCESS = (
    "import django; django.setup(); "
    "from newsdesk.caching.store import page_store; "
    "page_store().purge_paths(['/news/'])"
)


def another_process_purges_news(page_cache_dir):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.dev",
        "PAGE_CACHE_DIR": str(page_cache_dir),
        "DATABASE_URL": "sqlite://:memory:",
    }
    environment.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "-c", PURGE_IN_ANOTHER_PROCESS],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=60,
    )


def test_a_purge_in_another_process_retires_the_page_this_one_stored(tmp_path):
    store = PageStore(FileBasedCache(str(tmp_path), {}))
    key = page_key("http://testserver", "/news/", "")
    front, sport = stored_tags("/news/", ["page-3"]), stored_tags("/sport/", ["page-4"])
    store.store(key, HttpResponse("front"), 300, front, store.sequence())
    other_key = page_key("http://testserver", "/sport/", "")
    store.store(other_key, HttpResponse("sport"), 300, sport, store.sequence())
    assert store.lookup_key(key).is_fresh

    another_process_purges_news(tmp_path)

    assert not store.lookup_key(key).is_current
    assert store.lookup_key(other_key).is_fresh
