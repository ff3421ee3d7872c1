"""The demo's Spanish and Arabic editions (content/editions.py), loaded after the English
one: the front page and sections translated with their own names, stories of each
edition, translations of English stories, one translation left out of date, and the
edition's own live channel. No edition has a breaking-news banner, as the English one has
none: a banner the demo set would take itself down three hours after loading."""

from datetime import timedelta

from django.conf import settings
from django.utils.html import escape
from wagtail.models import Locale

from newsdesk.editions.actions import point_related_at_translations
from newsdesk.live.demo import add_edition_channel
from newsdesk.news.models import ArticleByline, ArticleCorrection, ArticlePage, Author

from .content.editions import EDITIONS


def add_editions(home, sections, pages, now):
    """The editions the site runs (settings.LANGUAGES, from NEWSDESK_EDITIONS)."""
    running = {code for code, _ in settings.LANGUAGES}
    for edition in EDITIONS:
        if edition.code in running:
            add_edition(edition, home, sections, pages, now)


def add_edition(edition, home, sections, pages, now):
    locale, _ = Locale.objects.get_or_create(language_code=edition.code)
    front = translated(home, locale, title=edition.front_page, slug=f"home-{edition.code}")
    own_sections = {
        section.source: translated(
            sections[section.source],
            locale,
            title=section.title,
            slug=section.slug,
            intro=section.intro,
        )
        for section in edition.sections
    }
    authors = {author.slug: author for author in Author.objects.all()}
    stories = {}
    for story in edition.stories:
        fields = {
            "title": story.headline,
            "slug": story.slug,
            "standfirst": story.standfirst,
            "kicker": story.kicker,
            "body": [("paragraph", f"<p>{escape(text)}</p>") for text in story.body],
        }
        if story.source:
            page = translated(pages[story.source], locale, **fields)
            point_related_at_translations(page, locale)
            page.get_latest_revision().publish()
        else:
            page = ArticlePage(**fields)
            page.bylines = [ArticleByline(author=authors[slug]) for slug in story.authors]
            own_sections[story.section].add_child(instance=page)
            page.tags.set(list(story.tags))
            page.save_revision().publish()
        first = now - timedelta(hours=story.hours_ago)
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=first, last_published_at=first
        )
        stories[story.slug] = page
    # Its sections were added through their own copies: read its tree fields (numchild)
    # again, or publishing this instance would write 0 children and hide every section.
    front.refresh_from_db()
    front.lead_story = stories[edition.lead_story]
    front.save_revision().publish()
    if edition.stale_source:
        move_source_on(pages[edition.stale_source], edition)
    channel = edition.channel
    add_edition_channel(
        locale,
        name=channel.name,
        slug=channel.slug,
        strapline=channel.strapline,
        poster_line=channel.poster_line,
    )


def translated(page, locale, **fields):
    """The page's translation into the locale, with these fields, published."""
    copy = page.specific.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def move_source_on(source, edition):
    """The English story edited and corrected after its translation went out: the
    translation desk flags the translation, and its readers see a notice."""
    story = source.specific.get_latest_revision_as_object()
    story.standfirst = edition.stale_change
    story.corrections.add(ArticleCorrection(note=edition.stale_correction))
    story.save_revision().publish()
