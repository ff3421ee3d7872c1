"""The site's RSS, Atom and JSON feeds, on Django's syndication framework.

One Feed subclass per scope (the whole site, a section with its subsections, an author,
a topic, the stories with audio), each instantiated once per format by urls.py. Feed
instances are shared by every request, so nothing about a request is kept on them:
get_object() returns a FeedSource, and items() wraps each story in an Entry that carries
the source along to the item_* hooks.
"""

import re
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure
from django.utils.html import escape
from django.utils.translation import gettext

from newsdesk.caching.metadata import add_tags_of
from newsdesk.core.models import NewsroomSettings
from newsdesk.news.models import ArticlePage, SectionPage, visible_authors, visible_topics

from .conf import feed_settings
from .stories import (
    Photo,
    absolute_url,
    listed_authors,
    listed_topics,
    photo,
    sections_by_story,
    site_for,
    site_name,
    story_guid,
    story_summary,
)

# Blocks whose page template does not suit feed readers: pictures with srcsets and
# embedded players are stripped by most readers, so feeds get a plain image or a link.
FEED_BLOCK_TEMPLATES = {
    "photo": "feeds/blocks/photo.html",
    "embed": "feeds/blocks/embed.html",
}
SITE_RELATIVE_URL = re.compile(r'\b(?P<attribute>href|src)="(?P<path>/(?!/)[^"]*)"')


@dataclass(frozen=True)
class Scope:
    """What a feed covers, as each Feed subclass describes it."""

    title: str
    link: str
    description: str
    stories: object  # an ArticlePage queryset


@dataclass(frozen=True)
class FeedSource:
    """One request's feed: its scope plus what the newsroom's settings say about feeds."""

    request: HttpRequest
    scope: Scope
    site_name: str
    copyright_holder: str
    full_text: bool
    logo: Photo | None


@dataclass(frozen=True)
class Entry:
    story: ArticlePage
    source: FeedSource
    url: str
    section: SectionPage | None
    image: Photo | None


class StoryFeed(Feed):
    def __init__(self, generator):
        self.feed_type = generator

    def get_object(self, request, **kwargs):
        site = site_for(request)
        newsroom = NewsroomSettings.for_request(request)
        name = site_name(site)
        logo = photo(request, newsroom.logo, "logo_image") if newsroom.logo else None
        return FeedSource(
            request=request,
            scope=self.scope(request, site, name, **kwargs),
            site_name=name,
            copyright_holder=newsroom.copyright_holder or name,
            full_text=newsroom.feed_full_text,
            logo=logo,
        )

    def scope(self, request, site, name, **kwargs):
        raise NotImplementedError

    # --- the feed ---------------------------------------------------------------------

    def title(self, source):
        return source.scope.title

    def link(self, source):
        return source.scope.link

    def description(self, source):
        return source.scope.description

    def feed_url(self, source):
        return absolute_url(source.request, source.request.path)

    def author_name(self, source):
        # Atom wants an author for entries without a byline: the newsroom.
        return source.site_name

    def feed_copyright(self, source):
        return f"© {timezone.now().year} {source.copyright_holder}"

    def feed_extra_kwargs(self, source):
        return {"icon": source.logo, "podcast": None}

    def items(self, source):
        stories = list(
            source.scope.stories.select_related("audio").prefetch_related(
                "bylines__author", "tagged_items__tag"
            )[: feed_settings.ITEMS]
        )
        add_tags_of(*stories)
        sections = sections_by_story(stories)
        return [self.entry(source, story, sections[story.pk]) for story in stories]

    def entry(self, source, story, section):
        request = source.request
        image = None
        if story.lead_image:
            image = photo(request, story.lead_image, "feed_image", with_file_size=True)
        return Entry(
            story=story,
            source=source,
            url=story.get_full_url(request),
            section=section,
            image=image,
        )

    # --- each story -------------------------------------------------------------------

    def item_title(self, entry):
        return entry.story.title

    def item_link(self, entry):
        return entry.url

    def item_guid(self, entry):
        return story_guid(entry.story)

    def item_guid_is_permalink(self, entry):
        return False

    def item_description(self, entry):
        # RSS descriptions and Atom summaries are read as HTML: the plain text is escaped.
        return escape(story_summary(entry.story))

    def item_pubdate(self, entry):
        return entry.story.first_published_at

    def item_updateddate(self, entry):
        return entry.story.last_published_at

    def item_author_name(self, entry):
        names = [author.name for author in listed_authors(entry.story)]
        return " and ".join(names) or None

    def item_categories(self, entry):
        """The editorial label (Opinion, Analysis...; plain news has none), the section,
        then the topics: RSS <category>, Atom category, JSON Feed tags."""
        story = entry.story
        names = [story.get_kicker_display()] if story.has_label else []
        names += [entry.section.title] if entry.section else []
        names += [topic.name for topic in listed_topics(story)]
        return list(dict.fromkeys(names))  # an opinion piece's label names its section too

    def item_enclosures(self, entry):
        """The audio first (RSS keeps only the first enclosure), then the lead photo."""
        enclosures = []
        audio = entry.story.audio
        if audio:
            url = absolute_url(entry.source.request, audio.file.url)
            enclosures.append(Enclosure(url, str(audio.file_size or 0), audio.mime_type))
        if entry.image:
            enclosures.append(
                Enclosure(entry.image.url, str(entry.image.size), entry.image.mime_type)
            )
        return enclosures

    def item_extra_kwargs(self, entry):
        request = entry.source.request
        authors = [
            {"name": author.name, "url": absolute_url(request, author.get_absolute_url())}
            for author in listed_authors(entry.story)
        ]
        return {
            "authors": authors,
            "summary_text": story_summary(entry.story),
            "content_html": full_text_html(entry) if entry.source.full_text else None,
            "image": entry.image,
            "audio": audio_facts(entry),
        }


def audio_facts(entry):
    audio = entry.story.audio
    if not audio:
        return None
    return {
        "url": absolute_url(entry.source.request, audio.file.url),
        "length": audio.file_size or 0,
        "mime_type": audio.mime_type,
        "seconds": int(audio.duration.total_seconds()),
    }


def full_text_html(entry):
    """The story as feed readers show it: lead photo, body, and every link absolute."""
    request = entry.source.request
    blocks = [render_block(block, request) for block in entry.story.body]
    html = render_to_string(
        "feeds/story_content.html",
        {"story": entry.story, "image": entry.image, "blocks": blocks},
    )
    origin = site_for(request).root_url
    return SITE_RELATIVE_URL.sub(lambda m: f'{m["attribute"]}="{origin}{m["path"]}"', html)


def render_block(block, request):
    template = FEED_BLOCK_TEMPLATES.get(block.block_type)
    if template:
        return render_to_string(template, {"value": block.value, "request": request})
    return block.render(context={"request": request})


# --- the scopes ------------------------------------------------------------------------


class SiteFeed(StoryFeed):
    def scope(self, request, site, name, **kwargs):
        tagline = NewsroomSettings.for_request(request).tagline
        return Scope(
            title=name,
            link=site.root_page.localized.get_full_url(request),
            description=tagline or gettext("The latest stories from %(site)s.") % {"site": name},
            stories=ArticlePage.objects.below(site.root_page.localized).for_listing(),
        )


class SectionFeed(StoryFeed):
    """A section's stories, its subsections' included; the URL names it by its path."""

    def scope(self, request, site, name, section_path):
        url_path = f"{site.root_page.localized.url_path}{section_path.strip('/')}/"
        section = SectionPage.objects.visible_to_readers().filter(url_path=url_path).first()
        if section is None:
            raise Http404("No such section.")
        return Scope(
            title=f"{section.title} | {name}",
            link=section.get_full_url(request),
            description=section.intro
            or gettext("The latest %(section)s stories from %(site)s.")
            % {"section": section.title, "site": name},
            stories=ArticlePage.objects.below(section).for_listing(),
        )


class AuthorFeed(StoryFeed):
    def scope(self, request, site, name, slug):
        author = get_object_or_404(visible_authors(), slug=slug)
        return Scope(
            title=f"{author.name} | {name}",
            link=absolute_url(request, author.get_absolute_url()),
            description=gettext("Stories by %(name)s, %(site)s.")
            % {"name": author.name, "site": name},
            stories=ArticlePage.objects.descendant_of(site.root_page.localized)
            .for_listing()
            .by_author(author),
        )


class TopicFeed(StoryFeed):
    def scope(self, request, site, name, slug):
        topic = get_object_or_404(visible_topics(), slug=slug)
        return Scope(
            title=f"{topic.name} | {name}",
            link=absolute_url(request, reverse("news:topic", args=[topic.slug])),
            description=gettext("Stories about %(topic)s from %(site)s.")
            % {"topic": topic.name, "site": name},
            stories=ArticlePage.objects.descendant_of(site.root_page.localized)
            .for_listing()
            .on_topics([topic.pk]),
        )


class AudioFeed(StoryFeed):
    """The stories that carry audio: the feed to give podcast apps."""

    def scope(self, request, site, name, **kwargs):
        return Scope(
            title=gettext("%(site)s: audio") % {"site": name},
            link=site.root_page.localized.get_full_url(request),
            description=gettext("Stories to listen to, from %(site)s.") % {"site": name},
            stories=ArticlePage.objects.below(site.root_page.localized)
            .for_listing()
            .filter(audio__isnull=False),
        )

    def feed_extra_kwargs(self, source):
        artwork = NewsroomSettings.for_request(source.request).podcast_artwork
        podcast = {
            "author": source.site_name,
            "category": feed_settings.PODCAST_CATEGORY,
            "artwork": photo(source.request, artwork, "podcast_artwork") if artwork else None,
        }
        return {**super().feed_extra_kwargs(source), "podcast": podcast}
