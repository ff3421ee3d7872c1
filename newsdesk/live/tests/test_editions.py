"""A live channel per edition: each edition's header and /live/ pages show its own channel
(with its own Audio Only), never another edition's, and an edition without one links none."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from newsdesk.editions.tests.factories import edition_home
from newsdesk.live.models import LiveChannel

from .factories import LiveChannelFactory

pytestmark = pytest.mark.django_db


def locale(code):
    return Locale.objects.get(language_code=code)


@pytest.fixture
def channels(db):
    edition_home("es")
    return (
        LiveChannelFactory(name="Newsdesk Live", slug="live-en"),
        LiveChannelFactory(
            name="Newsdesk en Directo",
            slug="directo",
            locale=locale("es"),
            audio_stream_url="https://streams.example.com/directo/audio.m3u8",
        ),
    )


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_each_editions_header_links_its_own_channel_and_audio_only(client, channels):
    english, spanish = channels
    assert spanish.get_absolute_url() == "/es/live/directo/"
    assert spanish.listen_url == "/es/live/directo/listen/"
    front = html(client, "/")
    assert f'href="{english.get_absolute_url()}">Live</a>' in front
    assert f'href="{english.listen_url}"' in front
    assert "/es/live/" not in front
    portada = html(client, "/es/")
    assert f'href="{spanish.get_absolute_url()}">En directo</a>' in portada
    assert f'href="{spanish.listen_url}" target="_blank" data-live-popout' in portada
    assert english.get_absolute_url() not in portada


def test_an_edition_without_a_channel_links_none(client, channels):
    edition_home("ar")
    assert "live-links" not in html(client, "/ar/")
    LiveChannel.objects.filter(locale=locale("es")).delete()
    assert "live-links" not in html(client, "/es/")
    assert "live-links" in html(client, "/")


def test_the_live_pages_show_the_editions_own_channels(client, channels):
    english, spanish = channels
    index = html(client, "/es/live/")
    assert spanish.name in index and english.name not in index
    assert english.name in html(client, "/live/") and spanish.name not in html(client, "/live/")
    page = html(client, spanish.get_absolute_url())
    assert f'data-audio-url="{spanish.audio_stream_url}"' in page
    assert 'data-status-url="/es/live/directo/status/"' in page
    assert client.get(spanish.listen_url).status_code == 200
    assert client.get("/es/live/directo/status/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/live/directo/",  # the Spanish channel at the English address
        "/live/directo/listen/",
        "/live/directo/status/",
        "/es/live/live-en/",  # the English channel under the Spanish prefix
        "/es/live/live-en/listen/",
    ],
)
def test_a_channel_is_not_found_in_another_edition(client, channels, url):
    assert client.get(url).status_code == 404


def test_a_channel_for_a_language_with_no_edition_is_shown_nowhere(client, db):
    french = Locale.objects.create(language_code="fr")  # a Locale left from another set-up
    orphan = LiveChannelFactory(slug="direct", locale=french)
    with pytest.raises(ValidationError, match="no edition"):
        orphan.full_clean()
    assert not LiveChannel.objects.for_readers().exists()
    assert "live-links" not in html(client, "/")


def test_a_new_channel_belongs_to_the_default_edition(db):
    assert LiveChannel.objects.create(name="Live", slug="live").locale == Locale.get_default()


def test_saving_the_spanish_channel_purges_the_spanish_header(
    client, channels, page_cache, commits
):
    _, spanish = channels
    assert client.get("/es/")["X-Cache"] == "MISS"
    assert client.get("/es/")["X-Cache"] == "HIT"
    spanish.name = "Directo 24 horas"
    with commits():
        spanish.save()
    assert client.get("/es/")["X-Cache"] == "MISS"


def test_the_channels_there_were_became_the_default_editions(channels):
    migration = import_module("newsdesk.live.migrations.0003_channel_per_edition")
    migration.to_default_edition(apps, None)
    assert set(LiveChannel.objects.values_list("locale", flat=True)) == {Locale.get_default().pk}
