"""The comment form's CSRF cookie is for /comments/ only: a reader who has read the
comments still gets every other page from the cache (Varnish and the page cache pass
anyone sending a csrftoken). CSRF protection of the post is unchanged. (Through a real
Varnish: test_behind_varnish.py.)"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from newsdesk.comments.models import Comment

from .factories import CommentFactory, comment_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_wait")]


def csrf_cookie_paths(response):
    return [
        morsel["path"]
        for name, morsel in response.cookies.items()
        if name == settings.CSRF_COOKIE_NAME
    ]


def every_cookie_path(response):
    return {name: morsel["path"] for name, morsel in response.cookies.items()}


@pytest.mark.parametrize("view", ["comments:thread", "comments:fragment"])
def test_reading_the_comments_sets_the_csrf_cookie_for_comments_only(client, article, view):
    CommentFactory(page=article)
    response = client.get(reverse(view, args=[article.pk]))
    assert response.status_code == 200
    assert csrf_cookie_paths(response) == ["/comments/"]


def test_no_comment_url_sets_a_cookie_for_the_whole_site(client, article):
    """Every reader-facing comment URL, read, posted to and refused: no cookie on "/"."""
    parent = CommentFactory(page=article)
    urls = [
        reverse("comments:thread", args=[article.pk]),
        reverse("comments:thread", args=[article.pk]) + f"?reply_to={parent.pk}&order=oldest",
        reverse("comments:fragment", args=[article.pk]),
        reverse("comments:count", args=[article.pk]),
    ]
    responses = [client.get(url) for url in urls]
    post = reverse("comments:post", args=[article.pk])
    responses += [
        client.post(post, comment_form(article)),
        client.post(post, comment_form(article, body="x")),  # refused: too short
        client.post(post, comment_form(article), headers={"Accept": "application/json"}),
        client.post(post, {"body": "no token at all"}),
    ]
    paths = [every_cookie_path(response) for response in responses]
    assert all(path.startswith("/comments/") for cookies in paths for path in cookies.values())
    assert any(settings.CSRF_COOKIE_NAME in cookies for cookies in paths)


def test_a_post_without_the_csrf_token_is_refused(article):
    strict = Client(enforce_csrf_checks=True)
    strict.get(reverse("comments:thread", args=[article.pk]))  # the cookie, but no token
    response = strict.post(reverse("comments:post", args=[article.pk]), comment_form(article))
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_post_with_a_token_from_another_browser_is_refused(article):
    mine, theirs = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    html = theirs.get(reverse("comments:thread", args=[article.pk])).content.decode()
    their_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    mine.get(reverse("comments:thread", args=[article.pk]))
    response = mine.post(
        reverse("comments:post", args=[article.pk]),
        {**comment_form(article), "csrfmiddlewaretoken": their_token},
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_form_posts_with_the_scoped_cookie(article):
    strict = Client(enforce_csrf_checks=True)
    html = strict.get(reverse("comments:thread", args=[article.pk])).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form_token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    response = strict.post(
        reverse("comments:post", args=[article.pk]),
        {**comment_form(article), "csrfmiddlewaretoken": token, "form_token": form_token},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 201
    assert Comment.objects.get().pk == response.json()["id"]


@pytest.mark.parametrize("view", ["comments:thread", "comments:fragment"])
def test_a_csrf_cookie_left_on_the_whole_site_is_moved_to_comments(view, article):
    """Readers given a "/" cookie before it was scoped: it is expired, and the cookie on
    /comments/ carries the value their form was rendered with, so they can still post."""
    strict = Client(enforce_csrf_checks=True)
    old = "a" * 32
    strict.cookies[settings.CSRF_COOKIE_NAME] = old  # as the browser sends a "/" cookie
    response = strict.get(reverse(view, args=[article.pk]))
    expired = response.headers["Set-Cookie"]
    assert expired.startswith(f"{settings.CSRF_COOKIE_NAME}=;") or expired.startswith(
        f'{settings.CSRF_COOKIE_NAME}="";'
    )
    assert "Path=/;" in expired + ";" and "Max-Age=0" in expired
    assert csrf_cookie_paths(response) == ["/comments/"]
    assert response.cookies[settings.CSRF_COOKIE_NAME].value == old

    html = response.content.decode()
    response = strict.post(
        reverse("comments:post", args=[article.pk]),
        {
            **comment_form(article),
            "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[
                1
            ],
            "form_token": re.search(r'name="form_token" value="([^"]+)"', html)[1],
        },
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 201


def test_a_reader_without_a_csrf_cookie_gets_no_expiry_header(client, article):
    response = client.get(reverse("comments:thread", args=[article.pk]))
    assert "Set-Cookie" not in response.headers
