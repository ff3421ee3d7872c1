import re

import factory
import pytest
from django.template import Context, Template, TemplateSyntaxError

from newsdesk.multimedia.tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db

TEMPLATE = (
    "{% load wagtailimages_tags photo_tags %}"
    '{% srcset_image photo fill-{400x225,640x360,800x450,1200x675} sizes="100vw" alt="" %}'
)


def srcset_widths(html):
    srcset = re.search(r'srcset="([^"]*)"', html).group(1)
    return [int(candidate.rsplit(" ", 1)[1].rstrip("w")) for candidate in srcset.split(", ")]


def render(photo, source=TEMPLATE):
    return Template(source).render(Context({"photo": photo}))


def test_a_photo_narrower_than_the_biggest_size_names_each_width_once():
    photo = PhotoFactory(file=factory.django.ImageField(width=512, height=512))
    assert srcset_widths(render(photo)) == [400, 512]


def test_a_big_photo_keeps_every_size():
    photo = PhotoFactory(file=factory.django.ImageField(width=1600, height=900))
    assert srcset_widths(render(photo)) == [400, 640, 800, 1200]


def test_a_photo_smaller_than_every_size_gets_a_plain_src():
    photo = PhotoFactory(file=factory.django.ImageField(width=300, height=200))
    assert "srcset" not in render(photo)


def test_no_photo_renders_nothing():
    assert render(None) == ""


def test_the_tag_refuses_what_wagtails_refuses():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load photo_tags %}{% srcset_image photo %}")


def test_a_picture_of_a_narrow_photo_names_each_width_once_per_format():
    photo = PhotoFactory(file=factory.django.ImageField(width=1000, height=1000))
    html = render(
        photo,
        "{% load wagtailimages_tags photo_tags %}"
        '{% picture photo format-{webp,jpeg} fill-{480x270,1200x675,1600x900} alt="" %}',
    )
    sources = re.findall(r'srcset="([^"]*)"', html)
    assert len(sources) == 2
    for srcset in sources:
        widths = [candidate.rsplit(" ", 1)[1] for candidate in srcset.split(", ")]
        assert widths == ["480w", "1000w"]
