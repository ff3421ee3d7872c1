"""The demo newsroom, loaded once for the module inside a transaction rolled back at the end."""

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from newsdesk.demo import content, loader
from newsdesk.demo.images import manifest
from newsdesk.live.models import LiveChannel
from newsdesk.news.models import ArticlePage, Author, SectionPage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def load_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        call_command("load_demo", "--force", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def content_photo(slug):
    (article,) = [article for article in content.ARTICLES if article.slug == slug]
    return article.photo


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, ArticlePage, SectionPage, Author, get_image_model(), Revision)
    } | {"users": get_user_model().objects.count()}


def test_creates_sections_with_news_subsections_nested(load_output):
    assert SectionPage.objects.live().count() >= 7
    news = SectionPage.objects.get(slug="news")
    subsections = SectionPage.objects.child_of(news).values_list("title", flat=True)
    assert set(subsections) == {"U.S.", "World"}
    assert all(section.show_in_menus for section in SectionPage.objects.all())


def test_creates_live_articles_with_bylines_and_topics(load_output):
    articles = ArticlePage.objects.live()
    assert articles.count() >= 40
    for article in articles:
        assert 1 <= article.bylines.count() <= 2
        assert 2 <= article.tags.count() <= 4


def test_stories_have_the_lead_photo_their_content_names_or_none(load_output):
    files = {article.slug: article.photo and article.photo.file for article in content.ARTICLES}
    for article in ArticlePage.objects.filter(slug__in=files).select_related("lead_image"):
        if files[article.slug]:
            assert article.lead_image.title == content_photo(article.slug).alt
        else:
            assert article.lead_image is None
    assert ArticlePage.objects.filter(lead_image__isnull=False).count() >= 20


def test_creates_authors(load_output):
    assert Author.objects.count() >= 6


def test_photos_are_the_committed_photographs_each_stored_once(load_output):
    committed = {
        hashlib.sha1(entry.path.read_bytes()).hexdigest(): entry for entry in manifest().values()
    }
    # The live channel's poster is a graphic drawn by live/demo.py, not a photo.
    posters = LiveChannel.objects.values_list("poster", flat=True)
    photos = get_image_model().objects.exclude(pk__in=posters)
    hashes = [photo.file_hash for photo in photos]
    assert sorted(hashes) == sorted(committed)
    for photo in photos:
        assert photo.credit == committed[photo.file_hash].credit
        assert photo.default_caption and photo.description


def test_no_photo_appears_on_two_stories(load_output):
    shown = [pk for pk in ArticlePage.objects.values_list("lead_image", flat=True) if pk]
    for article in ArticlePage.objects.all():
        shown += [block.value["image"].pk for block in article.body if block.block_type == "photo"]
    assert len(shown) == len(set(shown)) >= 20


def test_related_blocks_and_picks_point_at_live_demo_stories(load_output):
    demo_slugs = {article.slug for article in content.ARTICLES}
    with_related_block = 0
    for article in ArticlePage.objects.all():
        stories = [block.value["story"] for block in article.body if block.block_type == "related"]
        with_related_block += bool(stories)
        stories += [link.story for link in article.related_links.all()]
        for story in stories:
            assert story.live and story.slug in demo_slugs and story.pk != article.pk
    assert with_related_block >= 12


def test_opinion_articles_are_all_marked_opinion(load_output):
    opinion = SectionPage.objects.get(slug="opinion")
    kickers = set(ArticlePage.objects.child_of(opinion).values_list("kicker", flat=True))
    assert kickers == {ArticlePage.Kicker.OPINION}


def test_dates_are_spread_over_the_past_month(load_output):
    now = timezone.now()
    articles = list(ArticlePage.objects.all())
    days = {article.first_published_at.date() for article in articles}
    assert len(days) >= 10
    assert max(a.first_published_at for a in articles) > now - timedelta(days=1)
    assert min(a.first_published_at for a in articles) < now - timedelta(days=20)
    assert all(a.last_published_at <= now for a in articles)
    assert sum(a.updated_at is not None for a in articles) >= 3


def test_front_page_leads_with_the_chosen_story(load_output):
    home = Page.objects.get(depth=2).specific
    assert home.lead_story.slug == content.LEAD_STORY


def test_creates_the_demo_admin_and_prints_a_summary(load_output):
    admin = get_user_model().objects.get(username=loader.ADMIN_USERNAME)
    assert admin.is_superuser and admin.check_password(loader.ADMIN_PASSWORD)
    assert f"{len(content.ARTICLES)} articles" in load_output
    assert "demo logins (password: newsdesk-demo)" in load_output
    assert "user: admin" in load_output


def test_creates_one_account_per_role(load_output):
    from newsdesk.users.roles import CONTRIBUTORS, EDITORS

    users = get_user_model().objects
    editor, contributor = users.get(username="editor"), users.get(username="contributor")
    assert not editor.is_superuser and editor.groups.filter(name=EDITORS).exists()
    assert contributor.groups.filter(name=CONTRIBUTORS).exists()
    news = Page.objects.get(slug="news")
    us = Page.objects.get(slug="us")
    business = Page.objects.get(slug="business")
    assert news.permissions_for_user(contributor).can_add_subpage()
    assert us.permissions_for_user(contributor).can_add_subpage()
    assert not business.permissions_for_user(contributor).can_add_subpage()
    assert not news.permissions_for_user(contributor).can_publish_subpage()
    for role_line in ("Editor", "Contributor (News desk)", "user: contributor"):
        assert role_line in load_output


def test_creates_a_comment_moderator(load_output):
    from newsdesk.users.roles import MODERATORS

    moderator = get_user_model().objects.get(username="moderator")
    assert list(moderator.groups.values_list("name", flat=True)) == [MODERATORS]
    assert moderator.has_perm("comments.moderate_comment")
    assert not Page.objects.get(slug="news").permissions_for_user(moderator).can_add_subpage()
    assert "user: moderator" in load_output


def test_running_again_changes_nothing(load_output):
    before = counts()
    output = StringIO()
    call_command("load_demo", "--force", stdout=output)
    call_command("load_demo", "--force", "--if-empty", stdout=output)
    assert counts() == before
    assert "already has content" in output.getvalue()
    assert "user: editor" in output.getvalue()  # make run prints the logins every time


def test_refuses_without_debug_unless_forced(load_output, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=StringIO())


def test_runs_without_force_when_debug_is_on(load_output, settings):
    settings.DEBUG = True
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert "already has content" in output.getvalue()
    assert "user: editor" in output.getvalue()  # make run prints the logins every time
