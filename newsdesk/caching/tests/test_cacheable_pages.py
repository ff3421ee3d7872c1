"""Every kind of public page is kept by the cache: nothing in them is per reader."""

import pytest

from newsdesk.news.models import ArticleByline

pytestmark = pytest.mark.django_db


def test_front_section_article_author_topic_feed_and_sitemap_pages_are_cached(
    client, page_cache, story, ana
):
    ArticleByline.objects.create(page=story, author=ana)
    story.tags.add("harbour")
    story.save()
    paths = [
        "/",
        "/news/",
        "/news/us/",
        story.url,
        "/authors/ana-ruiz/",
        "/topics/harbour/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/json/",
        "/feeds/sections/news/rss/",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/sitemap-news.xml",
    ]
    for path in paths:
        assert client.get(path)["X-Cache"] == "MISS", path
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["X-Cache"] == "HIT", path
