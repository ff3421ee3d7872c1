"""Concurrent readers against a live server: every comment stored once, none lost, no 5xx,
and one form posted five times at once makes one comment. The full-size run (1,000
comments from 50 clients, SQLite and PostgreSQL) is bench/comments_post.py; this is its
small, always-run cousin.

On PostgreSQL the server is pytest-django's live server. On SQLite it is `runserver` in a
process of its own, on a file copy of the test database: the in-memory test database
shares one connection between the live server's threads, which no site ever does."""

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

import pytest
from django.db import connection
from django.test import override_settings

from deploy.localprod import ROOT, free_port, wait_for_http
from newsdesk.comments.models import Comment
from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

CLIENTS = 10
POSTS_PER_CLIENT = 5


class NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def field(name, html):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def browser():
    return build_opener(HTTPCookieProcessor(CookieJar()), NoRedirect)


def open_form(opener, base_url, article_id):
    """The comments page's CSRF and form tokens, as a browser would find them."""
    page = opener.open(f"{base_url}/comments/article/{article_id}/").read().decode()
    return field("csrfmiddlewaretoken", page), field("form_token", page)


def send(opener, base_url, article_id, csrf_token, form_token, body, client_number):
    """One post as the article's script sends it: (status, its JSON answer)."""
    data = urlencode(
        {
            "csrfmiddlewaretoken": csrf_token,
            "form_token": form_token,
            "body": body,
            "author_name": f"Reader {client_number}",
            "author_email": f"reader{client_number}@example.org",
        }
    ).encode()
    request = Request(
        f"{base_url}/comments/article/{article_id}/post/",
        data=data,
        headers={"Referer": base_url + "/", "Accept": "application/json"},
    )
    try:
        with opener.open(request) as response:
            return response.status, json.loads(response.read())
    except HTTPError as error:
        return error.code, None


def reader(base_url, article_id, client_number):
    """One reader's browser: open the comments page once, then post several comments,
    each with the form token the last answer brought (as comments.js does)."""
    opener = browser()
    csrf_token, form_token = open_form(opener, base_url, article_id)
    statuses = []
    for n in range(POSTS_PER_CLIENT):
        body = f"Comment {n} from reader {client_number}"
        status, answer = send(
            opener, base_url, article_id, csrf_token, form_token, body, client_number
        )
        statuses.append(status)
        form_token = answer["form_token"] if answer else form_token
    return statuses


# What the tests override, for the SQLite server's own process too.
TEST_SETTINGS = {"NEWSDESK_COMMENTS_MIN_SUBMIT_SECONDS": 0, "NEWSDESK_COMMENTS_RATE_LIMITS": []}


@dataclass
class Served:
    """A committed story, a server that sees it, and what that server stored."""

    url: str
    article: object
    stored_bodies: Callable[[], list]


@pytest.fixture
def served(request, tmp_path, transactional_db):
    article = ArticleFactory(parent=SectionFactory(title="News"))
    if connection.vendor != "sqlite":

        def stored_bodies():
            return list(Comment.objects.filter(page=article).values_list("body", flat=True))

        with override_settings(**TEST_SETTINGS):
            yield Served(request.getfixturevalue("live_server").url, article, stored_bodies)
        return
    yield from sqlite_file_server(tmp_path, article)


def sqlite_file_server(tmp_path, article):
    """runserver (threaded) on a file copy of the in-memory test database, in WAL mode
    with immediate transactions as the settings give a SQLite site."""
    copy = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(copy)) as target:
        connection.connection.backup(target)
    (tmp_path / "concurrency_settings.py").write_text(
        "from newsdesk.settings.test import *  # noqa: F403\n"
        + "".join(f"{name} = {value!r}\n" for name, value in TEST_SETTINGS.items())
    )

    def stored_bodies():
        with closing(sqlite3.connect(copy)) as written:
            query = "SELECT body FROM comments_comment WHERE page_id = ?"
            return [body for (body,) in written.execute(query, [article.pk])]

    port = free_port()
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "concurrency_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "DATABASE_URL": f"sqlite:///{copy}",
    }
    log = open(tmp_path / "runserver.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=environ,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/healthz/", timeout=60, accept=(200, 503))
        yield Served(f"http://127.0.0.1:{port}", article, stored_bodies)
    finally:
        server.terminate()
        server.wait(10)
        log.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_posts_are_each_stored_exactly_once(served):
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(lambda n: reader(served.url, served.article.pk, n), range(CLIENTS)))

    statuses = [status for result in results for status in result]
    assert statuses == [201] * (CLIENTS * POSTS_PER_CLIENT)
    expected = {
        f"Comment {n} from reader {c}" for c in range(CLIENTS) for n in range(POSTS_PER_CLIENT)
    }
    assert sorted(served.stored_bodies()) == sorted(expected)  # all there, none twice


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("attempt", range(3))  # the race was lost one time in three
def test_one_form_posted_five_times_at_once_makes_one_comment(served, attempt):
    opener = browser()
    csrf_token, form_token = open_form(opener, served.url, served.article.pk)

    def post_once(_):
        return send(opener, served.url, served.article.pk, csrf_token, form_token, "Me too!", 1)

    with ThreadPoolExecutor(max_workers=5) as pool:
        answers = list(pool.map(post_once, range(5)))

    assert [status for status, _answer in answers] == [201] * 5
    assert len({answer["id"] for _status, answer in answers}) == 1
    assert served.stored_bodies() == ["Me too!"]
