"""A reader's request never makes a rendition: the photo tags show the renditions that
exist (else the original) and queue the worker, which makes them all."""

import re
from unittest import mock

import factory
import pytest
from wagtail.images.models import Filter

from newsdesk.multimedia.models import CustomRendition
from newsdesk.multimedia.renditions import get_rendition_set
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NO_RENDERING = mock.patch.object(
    Filter, "run", side_effect=AssertionError("a rendition was made in a reader's request")
)


@pytest.fixture
def story(us_section):
    photo = PhotoFactory(file=factory.django.ImageField(width=1600, height=900))
    return ArticleFactory(parent=us_section, lead_image=photo)


def read(client, url, django_capture_on_commit_callbacks):
    with NO_RENDERING, django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def lead_picture(html):
    return re.search(r"<picture>.*?</picture>", html, re.S).group(0)


def srcset_widths(html):
    return [
        [int(candidate.rsplit(" ", 1)[1].rstrip("w")) for candidate in srcset.split(", ")]
        for srcset in re.findall(r'srcset="([^"]*)"', html)
    ]


def test_a_page_whose_photo_has_no_renditions_makes_none_and_queues_the_worker(
    client, story, queue, django_capture_on_commit_callbacks
):
    html = read(client, story.url, django_capture_on_commit_callbacks)

    assert CustomRendition.objects.count() == 0
    picture = lead_picture(html)
    assert f'src="{story.lead_image.file.url}"' in picture  # the original, scaled by the browser
    assert 'height="900"' in picture and 'width="1600"' in picture
    assert "sizes=" not in picture  # HTML allows sizes only beside a srcset
    assert "make_photo_renditions" in queue.names()
    assert [
        result.args for result in queue.waiting if result.task.name == "make_photo_renditions"
    ] == [[story.lead_image.pk]]


def test_after_the_worker_runs_the_page_shows_every_rendition(
    client, story, queue, django_capture_on_commit_callbacks
):
    read(client, story.url, django_capture_on_commit_callbacks)
    queue.run()

    html = read(client, story.url, django_capture_on_commit_callbacks)

    picture = lead_picture(html)
    assert story.lead_image.file.url not in picture
    assert srcset_widths(picture) == [[480, 800, 1200, 1600]] * 2  # WebP, then the JPEG
    assert 'type="image/webp"' in picture
    lead_specs = set(get_rendition_set("lead_photo").specs)
    assert lead_specs <= set(story.lead_image.renditions.values_list("filter_spec", flat=True))
    assert queue.waiting == []  # nothing missing, nothing queued


def test_many_readers_before_the_worker_queue_it_once(
    client, story, queue, django_capture_on_commit_callbacks
):
    for _ in range(3):
        read(client, story.url, django_capture_on_commit_callbacks)

    assert queue.names().count("make_photo_renditions") == 1


def test_a_set_made_in_part_shows_the_widths_that_exist(
    client, story, queue, django_capture_on_commit_callbacks
):
    made = story.lead_image.get_renditions("format-webp|fill-480x270", "format-jpeg|fill-800x450")
    webp, jpeg = made.values()

    picture = lead_picture(read(client, story.url, django_capture_on_commit_callbacks))

    assert story.lead_image.file.url not in picture
    assert f'<source srcset="{webp.url}"' in picture
    assert f'src="{jpeg.url}"' in picture
    assert CustomRendition.objects.count() == 2
    assert "make_photo_renditions" in queue.names()


def test_a_section_page_of_teasers_makes_no_rendition(
    client, us_section, story, queue, django_capture_on_commit_callbacks
):
    html = read(client, us_section.url, django_capture_on_commit_callbacks)

    assert CustomRendition.objects.count() == 0
    assert story.lead_image.file.url in html
    queue.run()
    html = read(client, us_section.url, django_capture_on_commit_callbacks)
    assert story.lead_image.file.url not in html
    assert ".fill-400x225.format-webp" in html
