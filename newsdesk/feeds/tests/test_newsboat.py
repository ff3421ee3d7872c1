"""newsboat, a real feed reader (Debian's package), loads a section feed from the running
server and lists its stories, read back from the cache it keeps.

Skipped without newsboat (apt-get install newsboat); under CI=true that fails instead,
and .ci/run installs it.
"""

import shutil
import sqlite3
import subprocess

import pytest
from wagtail.models import Site

from conftest import skip_or_fail
from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def newsboat():
    path = shutil.which("newsboat")
    if path is None:
        skip_or_fail("newsboat not found: apt-get install newsboat")
    return path


def test_newsboat_lists_the_stories_of_a_section_feed(newsboat, live_server, tmp_path):
    Site.objects.filter(is_default_site=True).update(hostname="localhost")
    news = SectionFactory(title="News", slug="news")
    us = SectionFactory(title="U.S.", slug="us", parent=news)
    stories = [
        ArticleFactory(parent=news, title="Harbour council votes on the sea wall"),
        ArticleFactory(parent=us, title="Tides & tempers: the <wall> debate goes national"),
    ]
    ArticleFactory(parent=SectionFactory(title="Sport", slug="sport"), title="Not in News")

    feed_url = f"{live_server.url}/feeds/sections/news/rss/"
    (tmp_path / "urls").write_text(feed_url + "\n")
    (tmp_path / "config").write_text("")
    cache = tmp_path / "cache.db"
    run = subprocess.run(
        [
            newsboat,
            "-u",
            tmp_path / "urls",
            "-c",
            cache,
            "-C",
            tmp_path / "config",
            "-x",
            "reload",
            "print-unread",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={"HOME": str(tmp_path), "LANG": "C.UTF-8", "TERM": "dumb"},
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().startswith("2 unread articles"), run.stdout

    with sqlite3.connect(cache) as db:
        titles = {
            title
            for (title,) in db.execute("SELECT title FROM rss_item WHERE feedurl = ?", (feed_url,))
        }
        (feed_title,) = db.execute(
            "SELECT title FROM rss_feed WHERE rssurl = ?", (feed_url,)
        ).fetchone()
    assert titles == {story.title for story in stories}
    assert feed_title == "News | The Newsdesk"
