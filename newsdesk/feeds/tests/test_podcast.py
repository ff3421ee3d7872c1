"""A story that carries audio offers it to podcast apps: an enclosure with the exact size
and type, its duration, and a feed of the stories with audio."""

from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsdesk.feeds.generators import ITUNES_NS
from newsdesk.multimedia.models import AudioClip
from newsdesk.multimedia.renditions.making import make_renditions
from newsdesk.multimedia.tests.factories import MP3_BYTES, AudioClipFactory, PhotoFactory
from newsdesk.news.tests.factories import ArticleFactory

from .readers import json_ld_of_type, read_feed, read_json_feed


@pytest.fixture
def clip(db):
    return AudioClipFactory()


@pytest.fixture
def audio_story(us_section, clip):
    return ArticleFactory(parent=us_section, title="Listen: the sea wall debate", audio=clip)


@pytest.mark.django_db
class TestAudioInFeeds:
    def test_rss_enclosure_is_the_audio_podcast_apps_play(self, client, audio_story, clip):
        entry = read_feed(client.get("/feeds/rss/")).entries[0]
        (enclosure,) = entry.enclosures
        assert enclosure.type == "audio/mpeg"
        assert int(enclosure.length) == len(MP3_BYTES) == clip.file_size
        assert enclosure.href == f"http://localhost{clip.file.url}"
        assert entry.itunes_duration == "270"
        # The photo still travels, as Media RSS.
        assert entry.media_content[0]["medium"] == "image"

    def test_atom_carries_the_audio_and_the_photo(self, client, audio_story):
        entry = read_feed(client.get("/feeds/atom/")).entries[0]
        assert [enclosure.type for enclosure in entry.enclosures] == ["audio/mpeg", "image/jpeg"]

    def test_json_feed_attaches_the_audio(self, client, audio_story, clip):
        (item,) = read_json_feed(client.get("/feeds/json/"))["items"]
        assert item["attachments"] == [
            {
                "url": f"http://localhost{clip.file.url}",
                "mime_type": "audio/mpeg",
                "size_in_bytes": len(MP3_BYTES),
                "duration_in_seconds": 270,
            }
        ]

    def test_the_audio_feed_holds_only_stories_with_audio(self, client, audio_story, us_section):
        ArticleFactory(parent=us_section, title="A story to read")
        response = client.get("/feeds/audio/rss/")
        feed = read_feed(response)
        assert [entry.title for entry in feed.entries] == [audio_story.title]
        assert feed.feed.tags[0].term == "News"  # itunes:category
        channel = ElementTree.fromstring(response.content).find("channel")
        assert channel.findtext(f"{{{ITUNES_NS}}}explicit") == "false"
        assert channel.findtext(f"{{{ITUNES_NS}}}author") == "The Newsdesk"

    def test_the_audio_feed_shows_the_podcast_artwork(self, client, audio_story, newsroom):
        newsroom.podcast_artwork = PhotoFactory(file__width=1600, file__height=1600)
        newsroom.save()
        make_renditions(newsroom.podcast_artwork)  # the worker, once the photo is the artwork
        feed = read_feed(client.get("/feeds/audio/rss/"))
        assert "fill-3000x3000" in feed.feed.image.href

    def test_the_article_tells_search_engines_about_its_audio(self, client, audio_story):
        html = client.get(audio_story.url).content.decode()
        article = json_ld_of_type(html, audio_story.full_url, "NewsArticle")
        assert article["audio"]["encodingFormat"] == "audio/mpeg"
        assert article["audio"]["duration"] == "PT4M30S"


@pytest.mark.django_db
class TestUploadingAudio:
    @pytest.fixture
    def editor_client(self, client, django_user_model):
        user = django_user_model.objects.create_superuser("ed", "ed@example.com", "pw")
        client.force_login(user)
        return client

    def upload(self, client, name):
        url = reverse("wagtailsnippets_multimedia_audioclip:add")
        data = {
            "title": "The sea wall debate",
            "file": SimpleUploadedFile(name, MP3_BYTES),
            "duration": "00:04:30",
            "credit": "",
        }
        return client.post(url, data)

    def test_an_mp3_is_stored_with_its_size(self, editor_client):
        response = self.upload(editor_client, "debate.mp3")
        assert response.status_code == 302
        clip = AudioClip.objects.get()
        assert clip.file_size == len(MP3_BYTES)
        assert clip.mime_type == "audio/mpeg"

    def test_a_file_podcast_apps_cannot_play_is_refused(self, editor_client):
        response = self.upload(editor_client, "debate.wma")
        assert response.status_code == 200
        assert not AudioClip.objects.exists()
