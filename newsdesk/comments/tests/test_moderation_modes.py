"""Pre-moderation or post-moderation, set per section (inherited below it) or per article."""

import pytest
from django.test import override_settings
from wagtail.models import Site

from newsdesk.comments.models import Comment, CommentPolicy
from newsdesk.comments.moderation import rules_for
from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

from .factories import post_comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_wait")]
PRE, POST = CommentPolicy.Moderation.PRE, CommentPolicy.Moderation.POST


def mode(page):
    return rules_for(page, Site.objects.get(is_default_site=True)).moderation


def test_post_moderation_by_default_publishes_at_once(client, article):
    assert mode(article) == POST
    post_comment(client, article)
    assert Comment.objects.get().state == Comment.State.APPROVED


@override_settings(NEWSDESK_COMMENTS_MODERATION="pre")
def test_the_platform_default_can_be_pre_moderation(article):
    assert mode(article) == PRE


def test_a_pre_moderated_section_holds_every_comment_below_it(client, section):
    CommentPolicy.objects.create(page=section, moderation=PRE)
    article = ArticleFactory(parent=SectionFactory(parent=section))

    post_comment(client, article)

    comment = Comment.objects.get()
    assert comment.state == Comment.State.PENDING
    assert comment.held_for == ["Pre-moderated section"]


def test_the_nearest_rule_wins(section):
    CommentPolicy.objects.create(page=section, moderation=PRE)
    subsection = SectionFactory(parent=section)
    CommentPolicy.objects.create(page=subsection, moderation=POST)
    inherits = ArticleFactory(parent=subsection)
    own_rule = ArticleFactory(parent=subsection)
    CommentPolicy.objects.create(page=own_rule, moderation=PRE)
    closed_only = ArticleFactory(parent=section)
    CommentPolicy.objects.create(page=closed_only, comments_closed=True)  # inherits moderation

    assert mode(inherits) == POST
    assert mode(own_rule) == PRE
    assert mode(closed_only) == PRE
