"""Comments close per article, per section (and every section below it), or N days after
an article is first published."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from newsdesk.comments.models import Comment, CommentPolicy, CommentSettings
from newsdesk.comments.moderation import rules_for
from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

from .factories import CommentFactory, post_comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_wait")]


def site():
    return Site.objects.get(is_default_site=True)


def test_open_by_default(article):
    assert rules_for(article, site()).closed_by is None


def test_closed_on_one_article(client, article):
    CommentFactory(page=article, body="Said before it closed.")
    CommentPolicy.objects.create(page=article, comments_closed=True)

    assert rules_for(article, site()).closed_by == "article"
    page = client.get(reverse("comments:thread", args=[article.pk])).content.decode()
    assert "Comments are closed on this article." in page
    assert "Said before it closed." in page  # what was said stays readable
    assert "<textarea" not in page
    assert ">Reply<" not in page
    response = post_comment(client, article)
    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert Comment.objects.count() == 1


def test_closed_on_a_section_closes_its_subsections_articles(client, section):
    subsection = SectionFactory(parent=section, title="Courts")
    deep = ArticleFactory(parent=subsection)
    elsewhere = ArticleFactory(parent=SectionFactory(title="Sport"))
    CommentPolicy.objects.create(page=section, comments_closed=True)

    assert rules_for(deep, site()).closed_by == "section"
    assert rules_for(elsewhere, site()).closed_by is None
    assert post_comment(client, deep).status_code == 403


def test_closed_automatically_after_the_sites_days(client, section):
    CommentSettings.objects.create(site=site(), close_after_days=7)
    old = ArticleFactory(parent=section, published_at=timezone.now() - timedelta(days=8))
    recent = ArticleFactory(parent=section, published_at=timezone.now() - timedelta(days=6))

    assert rules_for(old, site()).closed_by == "age"
    assert rules_for(recent, site()).closed_by is None
    assert post_comment(client, old).status_code == 403
    assert post_comment(client, recent).status_code == 302


@override_settings(NEWSDESK_COMMENTS_CLOSE_AFTER_DAYS=30)
def test_the_platform_default_applies_when_the_site_sets_no_days(section):
    old = ArticleFactory(parent=section, published_at=timezone.now() - timedelta(days=31))
    assert rules_for(old, site()).closed_by == "age"


@override_settings(NEWSDESK_COMMENTS_CLOSE_AFTER_DAYS=None)
def test_never_closed_by_age_by_default(section):
    ancient = ArticleFactory(parent=section, published_at=timezone.now() - timedelta(days=3650))
    assert rules_for(ancient, site()).closed_by is None
