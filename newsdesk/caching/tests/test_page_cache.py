"""The app's own page cache: who is served from it, what is kept, and for how long."""

import random
import threading
import time

import pytest
from django.http import HttpResponse
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsdesk.caching.store import page_key, page_store, stored_tags, tag_key
from newsdesk.core.models import BreakingNews
from newsdesk.news.models import ArticlePage
from newsdesk.users.models import User

pytestmark = pytest.mark.django_db


def test_an_anonymous_reader_gets_the_stored_page_the_second_time(client, page_cache, story):
    first = client.get(story.url)
    second = client.get(story.url)

    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_hit_runs_no_query_and_no_other_middleware(
    client, page_cache, story, django_assert_num_queries
):
    client.get(story.url)
    with django_assert_num_queries(0):
        response = client.get(story.url)
    assert response["X-Cache"] == "HIT"
    assert not hasattr(response.wsgi_request, "user")  # AuthenticationMiddleware never ran


def test_cacheable_pages_tell_varnish_how_long_to_keep_them(client, page_cache, story):
    response = client.get(story.url)
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {
        "public",
        "max-age=0",
        "s-maxage=3600",
        "stale-while-revalidate=3600",
        "stale-if-error=86400",
    }


def test_varnish_headers_are_sent_even_when_the_app_keeps_no_copy(client, story):
    response = client.get(story.url)
    assert "s-maxage=3600" in response["Cache-Control"]
    assert "X-Cache" not in response


def test_signed_in_readers_and_editors_bypass_the_cache(client, page_cache, story):
    client.get(story.url)
    client.force_login(User.objects.create_user("editor", password="x"))

    response = client.get(story.url)

    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "csrftoken=abc"},
        {"HTTP_AUTHORIZATION": "Bearer abc"},
    ],
)
def test_a_session_csrf_cookie_or_credentials_bypass_the_cache(client, page_cache, story, extra):
    client.get(story.url)
    assert "X-Cache" not in client.get(story.url, **extra)


def test_other_cookies_do_not_bypass_the_cache(client, page_cache, story):
    client.get(story.url)
    assert client.get(story.url, HTTP_COOKIE="_analytics=1")["X-Cache"] == "HIT"


def test_each_query_is_its_own_page_whatever_the_order_or_campaign_tags(client, page_cache, news):
    client.get(news.url, {"page": "2", "a": "1"})

    assert client.get(f"{news.url}?a=1&page=2&utm_source=x")["X-Cache"] == "HIT"
    assert client.get(news.url)["X-Cache"] == "MISS"


def test_a_repeated_parameter_keeps_its_order(client, page_cache, news):
    """Django reads the last value: ?page=1&page=2 is page 2, ?page=2&page=1 page 1."""
    client.get(f"{news.url}?page=1&page=2")
    assert client.get(f"{news.url}?page=2&page=1")["X-Cache"] == "MISS"
    assert client.get(f"{news.url}?page=1&page=2")["X-Cache"] == "HIT"


def test_personal_and_streaming_urls_are_never_stored(client, page_cache, story):
    url = f"/comments/article/{story.pk}/count/"
    client.get(url)
    assert "X-Cache" not in client.get(url)


def test_a_view_saying_no_store_is_not_stored(client, page_cache, story):
    url = f"/comments/article/{story.pk}/fragment/"
    with override_settings(NEWSDESK_CACHE_EXCLUDED_PATHS=[]):
        client.get(url)
        response = client.get(url)
    assert response.get("X-Cache") != "HIT"
    assert "no-store" in response["Cache-Control"]


def test_not_found_pages_are_kept_briefly(client, page_cache, news):
    first = client.get("/news/no-such-story/")
    second = client.get("/news/no-such-story/")
    assert first.status_code == second.status_code == 404
    assert second["X-Cache"] == "HIT"
    assert "s-maxage=30" in first["Cache-Control"]


def test_a_purge_covers_every_query_variant_of_the_path(client, page_cache, news, us_section):
    for query in ("", "?page=2", "?page=3"):
        client.get(news.url + query)
    client.get(us_section.url)

    page_store().purge_paths([news.url])

    for query in ("", "?page=2", "?page=3"):
        assert client.get(news.url + query)["X-Cache"] == "MISS"
    assert client.get(us_section.url)["X-Cache"] == "HIT"


def test_a_page_rendered_while_a_purge_ran_is_not_kept(client, page_cache, story, monkeypatch):
    """The page's tags are known once it is rendered: a purge of any tag that commits
    during the render is seen through the purge sequence, and the page is not kept."""
    serve = ArticlePage.serve

    def serve_while_an_unrelated_story_is_published(self, request, *args, **kwargs):
        response = serve(self, request, *args, **kwargs)
        page_store().purge_tags(["page-999999"])  # commits while the page renders
        return response

    monkeypatch.setattr(ArticlePage, "serve", serve_while_an_unrelated_story_is_published)
    assert client.get(story.url)["X-Cache"] == "MISS"
    monkeypatch.setattr(ArticlePage, "serve", serve)
    assert client.get(story.url)["X-Cache"] == "MISS"  # rendered again, and now kept
    assert client.get(story.url)["X-Cache"] == "HIT"


def test_a_purge_retires_exactly_the_pages_carrying_the_tag(
    client, page_cache, story, news, opinion
):
    client.get(story.url), client.get(news.url), client.get(opinion.url)
    page_store().purge_tags([f"page-{story.pk}"])  # its page, and News, which lists it
    assert client.get(story.url)["X-Cache"] == "MISS"
    assert client.get(news.url)["X-Cache"] == "MISS"
    assert client.get(opinion.url)["X-Cache"] == "HIT"


def test_a_page_whose_tag_was_evicted_is_stale(client, page_cache, story):
    client.get(story.url)
    page_cache.delete(tag_key(f"page-{story.pk}"))  # the cache dropped it for room
    assert client.get(story.url)["X-Cache"] == "MISS"
    assert client.get(story.url)["X-Cache"] == "HIT"


def test_concurrent_renders_and_purges_never_keep_a_purged_page(page_cache):
    """Threads render a page from "the database" and store it under its tag while
    another commits new headlines and purges the tag, as publishes do: once a purge has
    run, no stored copy that is still current shows a headline older than it. (Without
    the purge sequence, every run of it kept purged copies, in ten runs.)"""
    store, database, stop = page_store(), {"title": "take 0"}, threading.Event()
    key = page_key("http://testserver", "/news/sea-wall/", "")
    tags = stored_tags("/news/sea-wall/", ["page-7"])

    def render():
        while not stop.is_set():
            sequence = store.sequence()
            title = database["title"]
            time.sleep(random.random() / 1000)  # the render
            store.store(key, HttpResponse(title), 300, tags, sequence)

    renderers = [threading.Thread(target=render) for _ in range(4)]
    for thread in renderers:
        thread.start()
    older_after_purge = []
    try:
        for number in range(1, 200):
            database["title"] = f"take {number}"  # committed
            store.purge_tags(["page-7"])  # then purged, as on_commit does
            time.sleep(random.random() / 2000)
            lookup = store.lookup_key(key)
            if lookup.is_current and int(lookup.page.content.split()[1]) < number:
                older_after_purge.append((number, lookup.page.content))
    finally:
        stop.set()
        for thread in renderers:
            thread.join(10)
    assert older_after_purge == []
    lookup = store.lookup_key(key)
    assert lookup.page is not None
    assert not lookup.is_current or lookup.page.content == b"take 199"


def test_a_stale_page_is_served_while_another_request_renders_it(client, page_cache, story):
    client.get(story.url)
    store = page_store()
    store.purge_paths([story.url])
    lookup = store.lookup("http://testserver", story.url, "")
    assert store.claim_render(lookup.key)  # another reader is re-rendering it now

    stale = client.get(story.url)
    assert stale["X-Cache"] == "STALE"
    store.release_render(lookup.key)
    assert client.get(story.url)["X-Cache"] == "MISS"
    hit = client.get(story.url)
    assert hit["X-Cache"] == "HIT"
    # Varnish may keep the stale copy a second, not as long as the page was first given.
    assert "s-maxage=1," in stale["Cache-Control"]
    assert "Age" not in stale
    assert "s-maxage=1," not in hit["Cache-Control"]
    assert "Age" in hit


def test_a_page_past_its_freshness_is_rendered_again(client, page_cache, story):
    with override_settings(NEWSDESK_CACHE_TTL=1):
        client.get(story.url)
        time.sleep(1.1)
        assert client.get(story.url)["X-Cache"] == "MISS"


def test_the_stale_page_is_served_when_the_render_fails(client, page_cache, story, monkeypatch):
    client.get(story.url)
    page_store().purge_paths([story.url])
    monkeypatch.setattr("newsdesk.news.models.ArticlePage.serve", broken_serve)

    response = client.get(story.url)

    assert response.status_code == 200
    assert response["X-Cache"] == "STALE"


def broken_serve(self, request, *args, **kwargs):
    from django.db import OperationalError

    raise OperationalError("could not connect to server")


def test_a_showing_banner_caps_how_long_pages_are_kept(client, page_cache, story, news):
    site = story.get_site()
    BreakingNews.objects.create(
        site=site,
        headline="Storm reaches the coast",
        expires_at=timezone.now() + timezone.timedelta(seconds=20),
    )
    response = client.get(story.url)
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 10 <= s_maxage <= 20  # the banner's seconds left, less the render (slow machines)
    # No stale copy past the banner's end while the app is well: the window closes then.
    assert "stale-while-revalidate=0" in response["Cache-Control"]
    assert "Storm reaches the coast" in response.content.decode()


def test_a_banner_ending_after_the_ttl_shortens_the_window_to_its_end(
    client, page_cache, story, settings
):
    settings.NEWSDESK_CACHE_TTL = 60
    BreakingNews.objects.create(
        site=story.get_site(),
        headline="Storm reaches the coast",
        expires_at=timezone.now() + timezone.timedelta(seconds=100),
    )
    cache_control = client.get(story.url)["Cache-Control"]
    assert "s-maxage=60" in cache_control
    window = int(cache_control.split("stale-while-revalidate=")[1].split(",")[0])
    assert 30 <= window <= 40  # 100 s left, less the 60 s of freshness (and the render)


def test_pages_of_different_hosts_and_schemes_are_kept_apart(client, page_cache, story):
    client.get(story.url)
    assert client.get(story.url, HTTP_HOST="other.example")["X-Cache"] == "MISS"
    assert client.get(story.url, secure=True)["X-Cache"] == "MISS"


def test_readers_arriving_while_a_purged_page_renders_get_the_stale_copy(
    page_cache, story, monkeypatch
):
    """A purge while a popular page is read: one request renders it, and every reader
    who arrives meanwhile gets the copy from before the purge."""
    Client().get(story.url)
    page_store().purge_paths([story.url])
    renders, meanwhile = [], []
    serve = ArticlePage.serve

    def serve_while_readers_arrive(self, request, *args, **kwargs):
        renders.append(request.path)
        meanwhile.extend(Client().get(story.url)["X-Cache"] for _ in range(50))
        return serve(self, request, *args, **kwargs)

    monkeypatch.setattr(ArticlePage, "serve", serve_while_readers_arrive)
    assert Client().get(story.url)["X-Cache"] == "MISS"

    assert len(renders) == 1
    assert meanwhile == ["STALE"] * 50


def test_a_story_made_private_leaves_the_cache_at_once(client, page_cache, story, commits):
    assert client.get(story.url)["X-Cache"] == "MISS"
    with commits():
        PageViewRestriction.objects.create(
            page=story, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    response = client.get(story.url)
    assert response.status_code == 200  # Wagtail's password form, not the story
    assert 'name="password"' in response.content.decode()
    assert "article__headline" not in response.content.decode()
