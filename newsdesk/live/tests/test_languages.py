"""The live app in each edition's language: the header's links, a channel off air saying
when it is next on (the weekday in the edition's words), a live blog's interface, the
words its scripts use and the updates its stream sends. English is unchanged."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from wagtail.models import Locale

from newsdesk.editions.tests.factories import edition_home, translate
from newsdesk.live.models import LiveEvent

from .factories import (
    LiveBlogFactory,
    LiveChannelFactory,
    LiveEntryFactory,
    ProgrammeSlotFactory,
    post_entry,
)

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def edition_channel(code, **fields):
    edition_home(code)
    return LiveChannelFactory(locale=Locale.objects.get(language_code=code), **fields)


@pytest.mark.parametrize(
    ("code", "live", "audio_only"),
    [("es", "En directo", "Solo audio"), ("ar", "مباشر", "صوت فقط")],
)
def test_the_headers_live_links_are_in_the_editions_language(client, code, live, audio_only):
    channel = edition_channel(code, slug=f"live-{code}")
    front = html(client, f"/{code}/")
    assert f'href="{channel.get_absolute_url()}">{live}</a>' in front
    assert f"data-live-popout>{audio_only}<span" in front
    assert "Audio Only" not in front and ">Live</a>" not in front


def test_a_spanish_channel_off_air_says_in_spanish_when_it_is_next_on(
    client, settings, monkeypatch
):
    settings.TIME_ZONE = "Europe/London"
    channel = edition_channel("es", slug="directo", on_air=False)
    ProgrammeSlotFactory(channel=channel, title="Telediario", starts=time(18), ends=time(19))
    monday_evening = datetime(2025, 3, 3, 20, 0, tzinfo=ZoneInfo("Europe/London"))
    monkeypatch.setattr(timezone, "now", lambda: monday_evening)

    page = html(client, channel.get_absolute_url())
    assert (
        "Fuera de antena — próxima emisión: "
        '<span class="off-air__title" dir="auto">Telediario</span>, '
        '<time datetime="2025-03-04T18:00:00+00:00">martes a las 18:00</time>'
    ) in page
    assert "Off air" not in page and "Tuesday" not in page
    status = client.get(channel.get_absolute_url() + "status/").json()
    assert status["next"]["label"] == "martes a las 18:00"


@pytest.fixture
def spanish_blog(blog):
    spanish = translate(blog, "es", title="Temporal en la costa: última hora", slug="temporal")
    LiveEntryFactory(blog=spanish, pinned=True, key_event=True, edited_at=timezone.now())
    return spanish


def test_a_spanish_live_blog_speaks_spanish(client, spanish_blog):
    page = html(client, spanish_blog.url)
    for words in ["En directo", "Fijado", "Momento clave", "Momentos clave", "Actualizado"]:
        assert words in page
    # The words live_blog.js shows, one "N new updates" per plural category.
    assert 'data-text-reconnecting="Reconectando…"' in page
    assert 'data-new-one="{count} actualización nueva"' in page
    assert 'data-new-other="{count} actualizaciones nuevas"' in page
    for english in ["Pinned", "Key event", "Updated", "new update", "Reconnecting"]:
        assert english not in page


def test_a_live_blogs_stream_sends_updates_in_the_blogs_language(spanish_blog, admin_user):
    with translation.override("en"):  # posted from the admin, in its editor's language
        post_entry(spanish_blog, "<p>Cortada la carretera.</p>", admin_user, pinned=True)
    sent = LiveEvent.objects.latest("id").data["html"]
    assert ">Fijado<" in sent and "Pinned" not in sent


def test_english_live_pages_are_unchanged(client, blog):
    LiveEntryFactory(blog=blog, pinned=True, edited_at=timezone.now())
    page = html(client, blog.url)
    assert ">Pinned<" in page and "Updated" in page and "Key events" in page
    assert 'data-new-one="{count} new update"' in page
    assert 'data-new-other="{count} new updates"' in page


def test_the_arabic_live_blog_has_every_plural_form_for_its_script(client, news):
    arabic = translate(LiveBlogFactory(parent=news), "ar", title="عاصفة على الساحل", slug="asifa")
    page = html(client, arabic.url)
    assert 'data-new-two="تحديثان جديدان"' in page
    assert 'data-new-few="{count} تحديثات جديدة"' in page
    assert 'data-new-many="{count} تحديثًا جديدًا"' in page
