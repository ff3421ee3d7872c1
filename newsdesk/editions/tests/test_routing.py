"""Each edition's URLs: /es/ and /ar/ prefixes, lang and dir, the same page for everyone."""

import pytest

from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

from .factories import edition_home, publish_parents, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_in_three():
    edition_home("es")
    edition_home("ar")
    story = ArticleFactory(title="Harbour wall vote")
    spanish = translate(story, "es", title="Votación del muro del puerto", slug="votacion-del-muro")
    arabic = translate(story, "ar", title="تصويت على جدار الميناء")
    publish_parents(spanish)
    publish_parents(arabic)
    return story, spanish, arabic


def test_each_edition_answers_under_its_prefix_in_its_language(client, story_in_three):
    story, spanish, arabic = story_in_three
    assert spanish.url.startswith("/es/")
    assert arabic.url.startswith("/ar/")
    assert not story.url.startswith(("/es/", "/ar/", "/en/"))
    for page, lang in [(story, "en"), (spanish, "es"), (arabic, "ar")]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        expected_dir = "rtl" if lang == "ar" else "ltr"
        assert f'<html lang="{lang}" dir="{expected_dir}"' in html
        assert page.title in html
        assert response["Content-Language"] == lang
        assert "Accept-Language" not in response.get("Vary", "")


def test_front_pages_of_each_edition(client, story_in_three):
    for url, lang in [("/", "en"), ("/es/", "es"), ("/ar/", "ar")]:
        response = client.get(url)
        assert response.status_code == 200
        assert f'<html lang="{lang}"' in response.content.decode()


def test_the_home_url_is_the_same_page_whatever_the_reader_sent(client, story_in_three):
    plain = client.get("/").content
    client.cookies["newsdesk_edition"] = "es"
    with_cookie = client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    assert with_cookie.status_code == 200  # never a redirect: crawlers must get the page
    assert with_cookie.content == plain


def test_an_english_path_under_a_spanish_prefix_is_not_found(client, story_in_three):
    story, _, _ = story_in_three
    english_only = ArticleFactory(parent=story.get_parent())
    assert client.get(english_only.url).status_code == 200
    assert client.get("/es" + english_only.url).status_code == 404
    assert client.get("/xx" + story.url).status_code == 404


def test_a_page_of_another_edition_is_not_served_at_the_default_prefix(client, story_in_three):
    _, spanish, _ = story_in_three
    assert client.get(spanish.url.removeprefix("/es")).status_code == 404


def test_sections_of_an_edition_list_only_its_stories(client, story_in_three):
    story, spanish, _ = story_in_three
    english_only = ArticleFactory(parent=story.get_parent(), title="Only in English today")
    section = spanish.get_parent()
    html = client.get(section.url).content.decode()
    assert spanish.title in html
    assert english_only.title not in html
    assert SectionFactory  # the English tree is untouched
