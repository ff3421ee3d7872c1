""" "Translate into…": a machine draft in the other edition that keeps what is not words,
through the configured translator (the offline one here, DeepL against a loopback server)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
import requests
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.strings import StringValue

from newsdesk.news.models import ArticleByline, ArticleRelatedLink
from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory

from ..models import TranslationState
from ..translators.deepl import DeepLTranslator
from .factories import edition_home, locale, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    edition_home("es")
    author = AuthorFactory(name="Ana Ruiz")
    related = ArticleFactory(title="Flood defences explained")
    other = ArticleFactory(title="Tide tables for the winter")
    story = ArticleFactory(title="Harbour wall vote", parent=related.get_parent())
    ArticleByline.objects.create(page=story, author=author)
    ArticleRelatedLink.objects.create(page=story, story=related, sort_order=0)
    ArticleRelatedLink.objects.create(page=story, story=other, sort_order=1)
    story.save_revision().publish()
    story.refresh_from_db()
    translate(related, "es", title="Las defensas explicadas", slug="defensas")
    return story


def test_translate_into_makes_a_machine_draft_that_keeps_photos_authors_and_links(
    admin_client, story
):
    spanish_locale = locale("es")
    response = admin_client.post(
        reverse("editions:translate_into", args=[story.pk]), {"locale": spanish_locale.pk}
    )
    draft = story.get_translation(spanish_locale).specific
    assert response.url == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert not draft.live
    latest = draft.get_latest_revision_as_object()
    assert latest.lead_image_id == story.lead_image_id
    assert [b.author.name for b in latest.bylines.all()] == ["Ana Ruiz"]
    # The body's known sentence went through the offline glossary.
    assert "El concejo se reunió el martes por la tarde." in str(latest.body)
    linked = [link.story for link in latest.related_links.all()]
    assert linked[0].locale.language_code == "es"  # the translated related story
    assert linked[1].title == "Tide tables for the winter"  # no translation: the original
    assert draft.get_parent().locale.language_code == "es"  # the section mapped
    state = TranslationState.objects.get(translation=draft)
    assert state.machine_drafted and state.source_revision == story.live_revision


def test_translate_into_refuses_bad_input_and_other_peoples_stories(client, admin_client, story):
    url = reverse("editions:translate_into", args=[story.pk])
    assert admin_client.post(url, {"locale": "x"}).status_code == 200  # the form again
    assert admin_client.post(url, {"locale": str(2**64)}).status_code == 200
    assert admin_client.post(url, {"locale": story.locale_id}).status_code == 200
    assert not TranslationState.objects.filter(source=story).exists()
    nobody = get_user_model().objects.create_user("reader", "r@example.org", "x")
    client.force_login(nobody)
    assert client.post(url, {"locale": locale("es").pk}).status_code == 302  # to login/admin
    assert story.get_translation_or_none(locale("es")) is None


class RecordingDeepL(BaseHTTPRequestHandler):
    """DeepL's /v2/translate as a loopback server: records each request, answers each text
    upper-cased (or with the status the test sets)."""

    requests_seen = []
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        form = parse_qs(body)
        self.requests_seen.append({"headers": dict(self.headers), "form": form})
        payload = {"translations": [{"text": text.upper()} for text in form.get("text", [])]}
        data = json.dumps(payload).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def deepl_server():
    RecordingDeepL.requests_seen = []
    RecordingDeepL.status = 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingDeepL)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_deepl_backend_sends_the_texts_and_reads_the_translations(deepl_server):
    url = f"http://127.0.0.1:{deepl_server.server_port}/v2/translate"
    translator = DeepLTranslator({"AUTH_KEY": "secret-key:fx", "API_URL": url})
    strings = [StringValue.from_plaintext("Harbour"), StringValue.from_plaintext("Wall")]
    found = translator.translate(locale("en"), Locale.objects.get(language_code="es"), strings)
    assert [found[s].render_text() for s in strings] == ["HARBOUR", "WALL"]
    (seen,) = RecordingDeepL.requests_seen
    assert seen["headers"]["Authorization"] == "DeepL-Auth-Key secret-key:fx"
    assert seen["form"]["text"] == ["Harbour", "Wall"]
    assert (seen["form"]["source_lang"], seen["form"]["target_lang"]) == (["EN"], ["ES"])


def test_deepl_errors_are_errors_not_translations(deepl_server):
    RecordingDeepL.status = 456  # DeepL's "quota exceeded"
    url = f"http://127.0.0.1:{deepl_server.server_port}/v2/translate"
    translator = DeepLTranslator({"AUTH_KEY": "k", "API_URL": url})
    with pytest.raises(requests.HTTPError):
        translator.translate(locale("en"), locale("es"), [StringValue.from_plaintext("Harbour")])
