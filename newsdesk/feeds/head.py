"""What a page's <head> tells machines: its title, description, canonical URL, feed
links, social card tags and JSON-LD, chosen by what the page is about (a story, a
section, the front page, an author or a topic; anything else gets the site's feeds and
description, which its template may replace).

base.html and components/seo/head.html render the result; syndication_tags builds it.
"""

import html
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.paginator import Page as ListingPage
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext, pgettext
from taggit.models import Tag
from wagtail.models import Page

from newsdesk.core.models import NewsroomSettings
from newsdesk.core.visibility import visible_to_readers
from newsdesk.news.models import ArticlePage, Author, HomePage, SectionPage

from . import social, structured_data
from .discovery import feed_links, section_feed_links
from .social import MetaTag
from .stories import (
    absolute_url,
    photo,
    photos,
    shown_dates,
    site_for,
    site_name,
    story_summary,
)

LIVE_UPDATES = 20  # the newest updates of a live blog described to search engines
TITLE_SEPARATOR = " | "


@dataclass
class HeadMetadata:
    description: str = ""
    feeds: list = field(default_factory=list)
    social: list[MetaTag] = field(default_factory=list)
    structured_data: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class PageFacts:
    """What every builder below needs to know about the request and the site."""

    request: object
    site: object
    site_name: str
    newsroom: NewsroomSettings
    canonical_url: str
    context: Any  # the template's, for what the page shows (the front page's lead story)

    @property
    def home_url(self):
        return self.site.root_page.localized.get_full_url(self.request)

    def publisher(self):
        logo = self.newsroom.logo
        logo_photo = photo(self.request, logo, "logo_image") if logo else None
        return structured_data.publisher(
            site_name=self.site_name, home_url=self.home_url, logo=logo_photo
        )

    def site_description(self):
        """The front page's, and any page's that says nothing more of itself: the
        newsroom's tagline, or what the site covers."""
        if self.newsroom.tagline:
            return self.newsroom.tagline
        sections = visible_to_readers(
            Page.objects.child_of(self.site.root_page.localized).in_menu()
        )
        titles = [section.title for section in sections.order_by("path")]
        if not titles:
            return gettext("Stories from %(site)s.") % {"site": self.site_name}
        return gettext("%(site)s: %(sections)s.") % {
            "site": self.site_name,
            "sections": get_text_list(titles, pgettext("list of names", "and")),
        }

    def social_tags(self, title, description, **kwargs):
        return social.page_tags(
            site_name=self.site_name,
            title=title,
            description=description,
            url=self.canonical_url,
            x_handle=self.newsroom.x_handle,
            **kwargs,
        )


def canonical_url(context):
    """The page's own address, without tracking or other query parameters, except the
    page number of a listing past its first page."""
    request = context["request"]
    page = context.get("page")
    url = page.get_full_url(request) if isinstance(page, Page) else None
    url = url or absolute_url(request, request.path)
    listing = context.get("articles")
    if isinstance(listing, ListingPage) and listing.number > 1:
        url = f"{url}?page={listing.number}"
    return url


def head_metadata(context):
    request = context["request"]
    site = site_for(request)
    facts = PageFacts(
        request=request,
        site=site,
        site_name=site_name(site),
        newsroom=NewsroomSettings.for_request(request),
        canonical_url=canonical_url(context),
        context=context,
    )
    site_feeds = feed_links(request, facts.site_name, "site")
    for model, key, describe in subjects():
        subject = context.get(key)
        if isinstance(subject, model):
            head = describe(facts, subject)
            head.feeds += site_feeds
            return head
    return HeadMetadata(description=facts.site_description(), feeds=site_feeds)


def document_title(title, site_name):
    """The <title>: the page's own title and the site's name, the name only once.

    `title` is rendered HTML (a template block). The front page's title is the name
    itself, and an editor's SEO title may already end (or start) with it."""
    title = " ".join(str(title).split())
    text, name = html.unescape(title).casefold(), site_name.casefold()
    if not text or text == name:
        return format_html("{}", site_name)
    if text.endswith(name) or text.startswith(name):
        return mark_safe(title)  # rendered, and so escaped, by the template
    return format_html("{}{}{}", mark_safe(title), TITLE_SEPARATOR, site_name)


def topic_title(topic):
    """Topics are often typed in lower case ("local government"); as a title they start
    with a capital, the rest as written. A first word with capitals inside ("iPhone
    apps", "eBay") is a name spelled so on purpose and stays as it is."""
    first_word = topic.name.split(" ", 1)[0]
    if any(letter.isupper() for letter in first_word[1:]):
        return topic.name
    return capfirst(topic.name)


def article_head(facts, story, live_updates=None):
    request = facts.request
    published, modified = shown_dates(story)
    authors, topics = story.authors, story.topics
    author_urls = [absolute_url(request, author.get_absolute_url()) for author in authors]
    social_photo, article_photos = None, []
    if story.lead_photo:
        social_photo = photo(request, story.lead_photo, "social_image")
        article_photos = photos(request, story.lead_photo, "structured_data_images")
    description = plain(story.search_description or story_summary(story))
    tags = facts.social_tags(story.title, description, kind="article", image=social_photo)
    tags += social.article_tags(
        published=published,
        modified=modified,
        section=story.section,
        authors=authors,
        topics=topics,
        author_urls=author_urls,
    )
    article = structured_data.news_article(
        request,
        story,
        url=facts.canonical_url,
        published=published,
        modified=modified,
        authors=authors,
        topics=topics,
        images=article_photos,
        by=facts.publisher(),
    )
    if live_updates is not None:
        article = structured_data.live_blog_posting(request, story, article, live_updates)
    crumbs = structured_data.breadcrumbs(request, story.trail, last=story.title)
    feeds = section_feed_links(request, story.section, facts.site) if story.section else []
    return HeadMetadata(
        description=description, feeds=feeds, social=tags, structured_data=[article, crumbs]
    )


def live_blog_head(facts, blog):
    """A live blog is described as a story, plus its latest updates."""
    updates = list(blog.entries.select_related("author")[:LIVE_UPDATES])
    return article_head(facts, blog, live_updates=updates)


def section_head(facts, section):
    description = plain(
        section.search_description
        or section.intro
        or gettext("The latest %(section)s stories from %(site)s.")
        % {"section": section.title, "site": facts.site_name}
    )
    return HeadMetadata(
        description=description,
        feeds=section_feed_links(facts.request, section, facts.site),
        social=facts.social_tags(section.title, description),
        structured_data=[structured_data.breadcrumbs(facts.request, section.trail)],
    )


def home_head(facts, home):
    description = plain(home.search_description or facts.site_description())
    site = structured_data.website(
        facts.request, site_name=facts.site_name, home_url=facts.home_url, by=facts.publisher()
    )
    image = front_page_image(facts)
    return HeadMetadata(
        description=description,
        social=facts.social_tags(facts.site_name, description, image=image),
        structured_data=[site],
    )


def front_page_image(facts):
    """What a shared link to the front page shows: the lead story's photo as the page
    shows it, else the newsroom's logo."""
    lead = facts.context.get("lead_story")
    image = getattr(lead, "lead_image", None) or facts.newsroom.logo
    return photo(facts.request, image, "social_image") if image else None


def author_head(facts, author):
    values = {"name": author.name, "role": author.job_title, "site": facts.site_name}
    if author.job_title:
        fallback = gettext("Stories by %(name)s, %(role)s, at %(site)s.") % values
    else:
        fallback = gettext("Stories by %(name)s at %(site)s.") % values
    description = plain(author.bio or fallback)
    return HeadMetadata(
        description=description,
        feeds=feed_links(facts.request, author.name, "author", slug=author.slug),
        social=facts.social_tags(author.name, description, kind="profile"),
        structured_data=[structured_data.profile_page(facts.request, author, facts.canonical_url)],
    )


def topic_head(facts, topic):
    title = topic_title(topic)
    description = gettext("Stories about %(topic)s from %(site)s.") % {
        "topic": topic.name,
        "site": facts.site_name,
    }
    return HeadMetadata(
        description=description,
        feeds=feed_links(facts.request, title, "topic", slug=topic.slug),
        social=facts.social_tags(title, description),
    )


def plain(text):
    """One line: editors' paragraphs and line breaks mean nothing in a description."""
    return " ".join(text.split())


def subjects():
    """(what the page is about, the context variable holding it, how to describe it), the
    most specific kind first. Live blogs count when the live app is installed; feeds does
    not depend on it."""
    found = [
        (ArticlePage, "page", article_head),
        (SectionPage, "page", section_head),
        (HomePage, "page", home_head),
        (Author, "author", author_head),
        (Tag, "topic", topic_head),
    ]
    if apps.is_installed("newsdesk.live"):
        found.insert(0, (apps.get_model("live", "LiveBlogPage"), "page", live_blog_head))
    return found
