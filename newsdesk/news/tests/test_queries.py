import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.multimedia.tests.factories import PhotoFactory

from .factories import ArticleFactory, AuthorFactory


def count_queries(client, url):
    client.get(url)  # the first view fills the caches; readers see the second
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def body_with(stories, photos):
    body = [("paragraph", "<p>Text.</p>")]
    for story, photo in zip(stories, photos, strict=True):
        body.append(("photo", {"image": photo, "caption": "", "credit": "", "size": "inline"}))
        body.append(("related", {"label": "Related", "story": story}))
    return body


@pytest.mark.django_db
def test_article_queries_do_not_grow_with_its_blocks_bylines_and_topics(client, us_section):
    def article(size):
        stories = ArticleFactory.create_batch(size, parent=us_section)
        photos = PhotoFactory.create_batch(size)
        page = ArticleFactory(
            parent=us_section,
            body=body_with(stories, photos),
            authors=AuthorFactory.create_batch(size),
        )
        page.tags.add(*[f"topic {size}-{n}" for n in range(size)])
        page.save()
        return page

    small, large = article(1), article(6)
    assert count_queries(client, large.url) == count_queries(client, small.url)


@pytest.mark.django_db
def test_section_page_queries_do_not_grow_with_its_stories(client, us_section):
    ArticleFactory.create_batch(2, parent=us_section)
    few = count_queries(client, us_section.url)
    ArticleFactory.create_batch(10, parent=us_section)
    assert count_queries(client, us_section.url) == few


@pytest.mark.django_db
def test_front_page_queries_do_not_grow_with_its_stories_and_writers(client, news, opinion):
    def stories(count):
        for _ in range(count):
            ArticleFactory(parent=news)
            writer = AuthorFactory(photo=PhotoFactory())
            ArticleFactory(parent=opinion, kicker="opinion", authors=[writer])

    stories(12)  # enough for the lead, top stories, both section blocks and the latest news
    few = count_queries(client, "/")
    stories(6)
    assert count_queries(client, "/") == few
