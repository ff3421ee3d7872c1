"""The admin asks no third party for anything: no Gravatar, initials drawn inline instead."""

import re
from urllib.parse import unquote, urlsplit

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Collection

from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.tests.factories import ArticleFactory
from newsdesk.users.avatars import initials

# What a browser fetches by itself: sources, link elements (stylesheets, icons), CSS url().
FETCHED = re.compile(
    r"""\b(?:src|srcset|poster|data)\s*=\s*["']([^"']+)"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']([^"']+)"""
    r"""|url\(\s*["']?([^"')]+)"""
)


def avatar_urls(html):
    return re.findall(r'<img src="([^"]+)"[^>]*>', html)


def other_hosts(html):
    urls = [next(filter(None, groups)) for groups in FETCHED.findall(html)]
    return {urlsplit(url).hostname for url in urls} - {"testserver", None}


@pytest.fixture
def staff(django_user_model, editor):
    editor.first_name, editor.last_name = "Edith", "Okafor"
    editor.save()
    return editor


@pytest.mark.django_db
def test_the_dashboard_shows_initials_and_no_gravatar(as_user, staff):
    html = as_user(staff).get(reverse("wagtailadmin_account")).content.decode()
    assert "gravatar" not in html.lower()
    svg = [unquote(url) for url in avatar_urls(html) if url.startswith("data:image/svg+xml,")]
    assert svg and all(">EO</text>" in image for image in svg)


@pytest.mark.django_db
def test_the_sidebar_gets_the_initials_too(as_user, staff):
    html = as_user(staff).get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert "data:image/svg+xml," in props
    assert "gravatar" not in props.lower()


@pytest.mark.django_db
def test_admin_pages_name_no_other_host(as_user, staff, us_section):
    story = ArticleFactory(parent=us_section)
    PhotoFactory(collection=Collection.get_first_root_node())
    client = as_user(staff)
    pages = {
        "dashboard": client.get(reverse("wagtailadmin_home")).content.decode(),
        "page edit": client.get(
            reverse("wagtailadmin_pages:edit", args=(story.pk,))
        ).content.decode(),
        "image chooser": client.get(reverse("wagtailimages_chooser:choose")).json()["html"],
        "account": client.get(reverse("wagtailadmin_account")).content.decode(),
    }
    for name, html in pages.items():
        assert not other_hosts(html), f"the {name} names {other_hosts(html)}"


@pytest.mark.django_db
@override_settings(WAGTAIL_GRAVATAR_PROVIDER_URL="https://www.gravatar.com/avatar")
def test_gravatar_is_still_there_for_a_newsroom_that_switches_it_on(as_user, staff):
    html = as_user(staff).get(reverse("wagtailadmin_account")).content.decode()
    assert "www.gravatar.com/avatar/" in html
    assert "www.gravatar.com" in other_hosts(html)  # what the walk above would catch


@pytest.mark.parametrize(
    ("first", "last", "username", "expected"),
    [
        ("Edith", "Okafor", "eo", "EO"),
        ("ünal", "şahin", "us", "ÜŞ"),
        ("", "", "cora", "C"),
        ("Cher", "", "cher", "C"),
        ("  ", "", "<b>", "<"),
    ],
)
def test_initials(django_user_model, first, last, username, expected):
    user = django_user_model(first_name=first, last_name=last, username=username)
    assert initials(user) == expected


@pytest.mark.django_db
def test_a_name_with_markup_stays_text(as_user, staff):
    staff.first_name, staff.last_name = "<script>", "&"
    staff.save()
    html = as_user(staff).get(reverse("wagtailadmin_account")).content.decode()
    svg = [unquote(url) for url in avatar_urls(html) if url.startswith("data:image/svg+xml,")]
    assert svg and all(">&lt;&amp;</text>" in image for image in svg)
