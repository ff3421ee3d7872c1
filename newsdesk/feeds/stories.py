"""What machines are told about a story: its GUID, section, byline, topics and photos.

Feeds, sitemaps, structured data and social cards all read stories through these
functions, so they say the same as each other and as the article page.
"""

import mimetypes
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.text import Truncator
from wagtail.models import Site

from newsdesk.multimedia.renditions import shown_renditions
from newsdesk.news.models import ArticlePage, SectionPage

from .conf import feed_settings


@dataclass(frozen=True)
class Photo:
    """One rendition of a photo, with what feeds and social cards announce about it."""

    url: str
    width: int
    height: int
    mime_type: str
    alt: str
    size: int = 0  # bytes, measured only where a feed's enclosure must announce it


def story_guid(story):
    """A tag: URI naming the story by its id, so edits to its title or slug never change it."""
    return f"tag:{tag_authority()}:article-{story.pk}"


def tag_authority():
    authority = feed_settings.TAG_AUTHORITY
    if authority:
        return authority
    return f"{urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname},2026"


def absolute_url(request, url):
    """`url` on the site's own address, as Wagtail gives page URLs (page.full_url), so
    every link a machine gets names the same host, whatever host the request used."""
    return urljoin(site_for(request).root_url, url)


def site_for(request):
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


def site_name(site):
    return site.site_name or settings.WAGTAIL_SITE_NAME


def sections_by_story(stories):
    """The section each story sits in (its parent page), fetched in one query."""
    steplen = SectionPage.steplen
    parent_paths = {story.path[:-steplen] for story in stories}
    sections = {
        section.path: section for section in SectionPage.objects.filter(path__in=parent_paths)
    }
    return {story.pk: sections.get(story.path[:-steplen]) for story in stories}


def listed_authors(story):
    """The byline in order, from `bylines__author` when the queryset prefetched it."""
    return [byline.author for byline in story.bylines.all()]


def listed_topics(story):
    """The story's topics, from `tagged_items__tag` when the queryset prefetched it."""
    return [tagged.tag for tagged in story.tagged_items.all()]


def photo(request, image, set_name, with_file_size=False):
    """The first rendition of a set (feeds/wagtail_hooks.py) that exists, never made here:
    the worker makes them (else the original stands in, and the worker is asked)."""
    return photos(request, image, set_name, with_file_size)[0]


def photos(request, image, set_name, with_file_size=False):
    """Every rendition of a set that exists, in the set's order."""
    renditions = shown_renditions(image, set_name).values()
    return [photo_from(request, image, rendition, with_file_size) for rendition in renditions]


def photo_from(request, image, rendition, with_file_size=False):
    mime_type, _ = mimetypes.guess_type(rendition.file.name)
    return Photo(
        url=absolute_url(request, rendition.url),
        width=rendition.width,
        height=rendition.height,
        mime_type=mime_type or "image/jpeg",
        alt=image.default_alt_text,
        size=rendition.file.size if with_file_size else 0,
    )


def story_summary(story, words=60):
    """The standfirst; failing that the search description or the body's first words."""
    if story.standfirst:
        return story.standfirst
    if story.search_description:
        return story.search_description
    body_text = " ".join(ArticlePage._meta.get_field("body").get_searchable_content(story.body))
    return Truncator(body_text).words(words)


def shown_dates(story):
    """(published, modified) as the article page shows them: modified is the update time
    when the page says "Updated", else the publication time."""
    published = story.first_published_at
    return published, story.updated_at or published


def iso_duration(duration: timedelta):
    """ISO 8601, as schema.org wants it: PT4M30S."""
    hours, rest = divmod(int(duration.total_seconds()), 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [
        f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if value
    ]
    return "PT" + ("".join(parts) or "0S")
