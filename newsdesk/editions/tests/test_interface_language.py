"""Each edition's pages speak its language: the furniture of every page, the article's
tools, the comments (fetched from /comments/, which has no edition prefix) and the dates."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from newsdesk.comments.templatetags.comments_tags import comment_age
from newsdesk.core.templatetags.newsdesk_tags import reader_date, reader_time
from newsdesk.news.tests.factories import ArticleFactory

from .factories import edition_home, publish_parents, translate

pytestmark = pytest.mark.django_db

# What a reader of each edition reads on the front page and an article.
WORDS = {
    "en": {
        "search": ">Search</button>",
        "sections": '<h2 class="site-footer__heading">Sections</h2>',
        "feeds": '<h2 class="site-footer__heading">Feeds</h2>',
        "share": 'aria-label="Share this story"',
        "comments": ">Comments</h2>",
        "no comments": "No comments yet. Start the conversation.",
        "join": "Join the conversation",
    },
    "es": {
        "search": ">Buscar</button>",
        "sections": '<h2 class="site-footer__heading">Secciones</h2>',
        "feeds": '<h2 class="site-footer__heading">Fuentes</h2>',
        "share": 'aria-label="Compartir esta noticia"',
        "comments": ">Comentarios</h2>",
        "no comments": "Todavía no hay comentarios. Empieza la conversación.",
        "join": "Únete a la conversación",
    },
    "ar": {
        "search": ">بحث</button>",
        "sections": '<h2 class="site-footer__heading">الأقسام</h2>',
        "feeds": '<h2 class="site-footer__heading">الخلاصات</h2>',
        "share": 'aria-label="شارك هذا الخبر"',
        "comments": ">التعليقات</h2>",
        "no comments": "لا توجد تعليقات بعد. ابدأ النقاش.",
        "join": "شارك في النقاش",
    },
}


@pytest.fixture
def story_in_three():
    edition_home("es")
    edition_home("ar")
    story = ArticleFactory(title="Harbour wall vote")
    spanish = translate(story, "es", title="Votación del muro del puerto", slug="votacion")
    arabic = translate(story, "ar", title="تصويت على جدار الميناء", slug="tasweet")
    publish_parents(spanish)
    publish_parents(arabic)
    return {"en": story, "es": spanish, "ar": arabic}


# One set of pages for every check: making the editions is the slow part.
def test_every_page_speaks_its_editions_language(client, story_in_three):
    for code, article in story_in_three.items():
        words = WORDS[code]
        front = client.get({"en": "/", "es": "/es/", "ar": "/ar/"}[code]).content.decode()
        assert words["search"] in front, code
        assert words["sections"] in front, code
        assert words["feeds"] in front, code

        html = client.get(article.url).content.decode()
        assert words["share"] in html, code
        assert words["comments"] in html, code

        # /comments/ has no edition prefix: the article's language is the one spoken.
        fragment = client.get(reverse("comments:fragment", args=[article.pk]))
        assert fragment["Content-Language"] == code
        assert words["no comments"] in fragment.content.decode(), code
        assert words["join"] in fragment.content.decode(), code
        thread_page = client.get(reverse("comments:thread", args=[article.pk])).content.decode()
        assert f'<html lang="{code}"' in thread_page
        assert words["search"] in thread_page, code
        label = client.get(reverse("comments:count", args=[article.pk])).json()["label"]
        assert label == {"en": "0 Comments", "es": "0 comentarios", "ar": "لا تعليقات"}[code]

    refused = client.post(
        reverse("comments:post", args=[story_in_three["es"].pk]),
        {"body": "Hola", "author_name": "", "author_email": "", "form_token": "x"},
        HTTP_ACCEPT="application/json",
    )
    assert refused.status_code == 400
    assert "Indica un nombre para mostrar con tu comentario." in refused.json()["form"]

    not_found = client.get("/es/no-existe/").content.decode()
    assert "No encontramos esa página" in not_found
    assert '<a href="/es/">portada</a>' in not_found


@pytest.fixture
def now(monkeypatch):
    moment = datetime(2026, 12, 2, 15, 30, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def test_reader_times_and_dates_in_each_language(now):
    yesterday = datetime(2026, 12, 1, 9, 5, tzinfo=UTC)
    today = datetime(2026, 12, 2, 13, 30, tzinfo=UTC)
    with translation.override("en"):
        assert reader_time(yesterday, "published")["text"] == "1 December 2026"
        assert reader_time(today)["day"] == "2 Dec"
    with translation.override("es"):
        assert reader_time(yesterday, "published")["text"] == "1 de diciembre de 2026"
        assert reader_time(yesterday)["text"] == "1 dic"
        assert reader_time(today)["day"] == "2 dic"
        assert reader_date(yesterday, "moment") == "1 de diciembre de 2026, 09:05 UTC"
        assert comment_age(now) == "ahora mismo"
        assert comment_age(datetime(2026, 12, 2, 12, 30, tzinfo=UTC)) == "hace 3 h"
    with translation.override("ar"):
        assert reader_time(yesterday, "published")["text"] == "1 ديسمبر 2026"
        assert reader_time(today)["text"] == "13:30"
        assert comment_age(datetime(2026, 11, 30, 15, 30, tzinfo=UTC)) == "منذ يومين"
