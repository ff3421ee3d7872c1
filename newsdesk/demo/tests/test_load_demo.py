"""The demo newsroom, loaded once for the module inside a transaction rolled back at the end."""

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Revision

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
    # A story's translations show its photos: each story counts once, in its first edition.
    originals = ArticlePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    shown = [pk for pk in originals.values_list("lead_image", flat=True) if pk]
    for article in originals:
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
    home = Page.objects.get(depth=2, locale__language_code=settings.LANGUAGE_CODE).specific
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


def test_loads_a_spanish_and_an_arabic_edition_with_their_own_stories(load_output):
    from newsdesk.demo.content.editions import EDITIONS
    from newsdesk.news.models import HomePage

    for edition in EDITIONS:
        front = HomePage.objects.get(locale__language_code=edition.code)
        assert front.live and front.title == edition.front_page
        assert front.lead_story.locale_id == front.locale_id
        sections = SectionPage.objects.filter(locale=front.locale).live()
        assert {section.title for section in sections} == {s.title for s in edition.sections}
        stories = ArticlePage.objects.filter(locale=front.locale).live()
        assert {story.title for story in stories} == {s.headline for s in edition.stories}
        own = [s for s in edition.stories if not s.source]
        translated = [s for s in edition.stories if s.source]
        assert own and translated  # stories of its own, and translated pairs
        for story in translated:
            source = ArticlePage.objects.get(slug=story.source, locale__language_code="en")
            assert stories.get(slug=story.slug).translation_key == source.translation_key


def test_every_page_of_every_edition_answers(load_output, client):
    """Each edition's front page, sections and stories are reached by their URLs: the tree
    under each front page is whole (its child count right, as Wagtail's routing needs)."""
    from newsdesk.news.models import HomePage

    for front in HomePage.objects.exclude(locale__language_code="en"):
        pages = front.get_descendants(inclusive=True).live().specific()
        assert len(pages) > 3
        for page in pages:
            assert client.get(page.url).status_code == 200, page.url


def test_one_translation_is_left_out_of_date_for_the_desk(load_output):
    from newsdesk.editions.models import TranslationState
    from newsdesk.editions.stale import pending_corrections, source_diff

    (stale,) = TranslationState.objects.filter(stale_since__isnull=False)
    assert stale.source.slug == "sennet-islands-ferry-link"
    assert any(line.kind == "added" for line in source_diff(stale))
    assert len(pending_corrections(stale)) == 1
    in_step = TranslationState.objects.filter(
        stale_since__isnull=True, translation__in=ArticlePage.objects.all()
    )
    assert {state.source.slug for state in in_step} == {content.LEAD_STORY}
    assert in_step.count() == 2  # the bridge story in Spanish and in Arabic


def test_every_lead_photo_is_indexed_as_used_by_its_story(load_output):
    """Readers may fetch a photo a published page uses (multimedia/readers.py asks the
    reference index): indexed by the load itself, not left to a worker's queue."""
    image_type = ContentType.objects.get_for_model(get_image_model())
    used = set(
        ReferenceIndex.objects.filter(to_content_type=image_type).values_list(
            "to_object_id", flat=True
        )
    )
    leads = ArticlePage.objects.live().exclude(lead_image=None).values_list("lead_image", flat=True)
    assert leads
    assert {str(pk) for pk in leads} <= used


def test_each_edition_links_its_own_live_channel(load_output, client):
    from newsdesk.demo.content.editions import EDITIONS

    for edition in EDITIONS:
        channel = LiveChannel.objects.get(slug=edition.channel.slug)
        assert channel.locale.language_code == edition.code
        assert (channel.name, channel.strapline) == (
            edition.channel.name,
            edition.channel.strapline,
        )
        assert channel.get_absolute_url() == f"/{edition.code}/live/{channel.slug}/"
        assert channel.has_audio_only and channel.poster is not None
        front = client.get(f"/{edition.code}/").content.decode()
        assert f'href="{channel.get_absolute_url()}"' in front
        assert 'href="/live/demo/"' not in front  # never the English channel
        page = client.get(channel.get_absolute_url()).content.decode()
        assert channel.name in page and channel.strapline in page
    assert 'href="/live/demo/"' in client.get("/").content.decode()
