import re

import factory
import pytest
from django.template import Context, Template, TemplateSyntaxError
from wagtail import hooks

from newsdesk.multimedia.renditions import RENDITION_SETS_HOOK, RenditionSet
from newsdesk.multimedia.tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db

WIDE = RenditionSet.of("test_wide", "fill-{400x225,640x360,800x450,1200x675}")
FORMATS = RenditionSet.of("test_formats", "format-{webp,jpeg}", "fill-{480x270,1200x675,1600x900}")
TEMPLATE = '{% load wagtailimages_tags photo_tags %}{% srcset_image photo test_wide sizes="100vw" alt="" %}'


@pytest.fixture(autouse=True)
def test_sets():
    with hooks.register_temporarily(RENDITION_SETS_HOOK, lambda: [WIDE, FORMATS]):
        yield


def srcset_widths(html):
    srcset = re.search(r'srcset="([^"]*)"', html).group(1)
    return [int(candidate.rsplit(" ", 1)[1].rstrip("w")) for candidate in srcset.split(", ")]


def render(photo, source=TEMPLATE):
    return Template(source).render(Context({"photo": photo}))


def made_photo(width, height):
    return PhotoFactory(file=factory.django.ImageField(width=width, height=height), renditions=True)


def test_a_photo_narrower_than_the_biggest_size_names_each_width_once():
    assert srcset_widths(render(made_photo(512, 512))) == [400, 512]


def test_a_big_photo_keeps_every_size():
    assert srcset_widths(render(made_photo(1600, 900))) == [400, 640, 800, 1200]


def test_a_photo_smaller_than_every_size_gets_a_plain_src():
    assert "srcset" not in render(made_photo(300, 200))


def test_no_photo_renders_nothing():
    assert render(None) == ""


def test_the_tag_refuses_what_wagtails_refuses():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load photo_tags %}{% srcset_image photo %}")


@pytest.mark.parametrize(
    "arguments",
    ["fill-400x225", "fill-{400x225,640x360}", "test_wide format-webp", "no_such_set"],
)
def test_a_tag_takes_a_registered_set_and_nothing_else(arguments):
    with pytest.raises(TemplateSyntaxError, match="rendition set"):
        Template(f"{{% load wagtailimages_tags photo_tags %}}{{% picture photo {arguments} %}}")


def test_a_picture_of_a_narrow_photo_names_each_width_once_per_format():
    html = render(
        made_photo(1000, 1000),
        '{% load wagtailimages_tags photo_tags %}{% picture photo test_formats alt="" %}',
    )
    sources = re.findall(r'srcset="([^"]*)"', html)
    assert len(sources) == 2
    assert '<source srcset="' in html and 'type="image/webp"' in html
    for srcset in sources:
        widths = [candidate.rsplit(" ", 1)[1] for candidate in srcset.split(", ")]
        assert widths == ["480w", "1000w"]


def test_image_as_a_variable_gives_the_rendition():
    photo = made_photo(1600, 900)
    html = render(
        photo,
        "{% load wagtailimages_tags photo_tags %}{% image photo test_wide as shot %}{{ shot.width }}x{{ shot.height }}",
    )
    assert html == "400x225"


def test_manage_py_check_refuses_a_set_wagtail_cannot_make_and_a_name_used_twice():
    from newsdesk.multimedia.checks import check_rendition_sets

    assert check_rendition_sets() == []
    bad = RenditionSet("test_bad", ("fill-wide",))
    with hooks.register_temporarily(RENDITION_SETS_HOOK, lambda: [bad]):
        assert [error.id for error in check_rendition_sets()] == ["multimedia.E003"]
    twice = RenditionSet.of("test_wide", "width-100")
    with hooks.register_temporarily(RENDITION_SETS_HOOK, lambda: [twice]):
        assert [error.id for error in check_rendition_sets()] == ["multimedia.E001"]
