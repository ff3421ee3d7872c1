"""A host per edition (NEWSDESK_EDITION_URLS=host): each edition's pages answer on its own
host, in its language, and every link to a page names that page's host, whichever host
the reader is on."""

import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches
from wagtail.models import Site

import newsdesk.urls
from newsdesk.news.tests.factories import ArticleFactory, site_home

from .factories import edition_home, publish_parents, translate

pytestmark = pytest.mark.django_db

SPANISH_HOST = "es.example.org"


def reload_urls():
    """The URLconf picks path prefixes or plain paths when it is imported."""
    importlib.reload(newsdesk.urls)
    clear_url_caches()


@pytest.fixture
def host_per_edition():
    with override_settings(NEWSDESK_EDITION_URLS="host"):
        reload_urls()
        try:
            yield
        finally:
            Site.clear_site_root_paths_cache()
    reload_urls()


@pytest.fixture
def two_hosts(host_per_edition):
    english_site = Site.objects.get(is_default_site=True)
    spanish_home = edition_home("es")
    Site.objects.create(hostname=SPANISH_HOST, port=80, root_page=spanish_home, site_name="ES")
    Site.clear_site_root_paths_cache()
    story = ArticleFactory(title="Harbour wall vote", slug="harbour-wall-vote")
    spanish = translate(story, "es", title="Votación del muro", slug="votacion-del-muro")
    publish_parents(spanish)
    return english_site, story, spanish


def test_each_edition_answers_on_its_host_without_a_prefix(client, two_hosts):
    _english_site, story, spanish = two_hosts
    response = client.get(spanish.get_url(), HTTP_HOST=SPANISH_HOST)
    assert not spanish.get_url().startswith("/es/")
    assert response.status_code == 200
    assert response["Content-Language"] == "es"
    assert "Votación del muro" in response.content.decode()
    english = client.get(story.get_url())
    assert english.status_code == 200 and english["Content-Language"] == "en"
    # The Spanish story is not served on the English host, nor the English one on the Spanish.
    assert client.get(spanish.get_url()).status_code == 404
    assert client.get(story.get_url(), HTTP_HOST=SPANISH_HOST).status_code == 404


def test_a_link_to_another_editions_page_names_its_host(rf, two_hosts):
    english_site, story, spanish = two_hosts
    on_english_host = rf.get("/", HTTP_HOST=english_site.hostname)
    on_spanish_host = rf.get("/", HTTP_HOST=SPANISH_HOST)
    here = spanish.get_url(on_spanish_host)
    assert here.startswith("/") and here.endswith("/votacion-del-muro/")
    assert spanish.get_url(on_english_host) == f"http://{SPANISH_HOST}{here}"
    assert spanish.get_full_url() == f"http://{SPANISH_HOST}{here}"
    there = story.get_url(on_english_host)
    assert there.startswith("/")
    assert story.get_url(on_spanish_host) == english_site.root_url + there
    assert site_home().get_url(on_spanish_host) == english_site.root_url + "/"


def test_the_spanish_hosts_hreflang_links_name_each_editions_host(client, two_hosts):
    english_site, story, spanish = two_hosts
    html = client.get(spanish.get_url(), HTTP_HOST=SPANISH_HOST).content.decode()
    assert f'hreflang="es" href="{spanish.get_full_url()}"' in html
    assert spanish.get_full_url().startswith(f"http://{SPANISH_HOST}/")
    assert f'hreflang="en" href="{story.get_full_url()}"' in html
    assert story.get_full_url().startswith(english_site.root_url + "/")
