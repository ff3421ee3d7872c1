"""What a page's <head> tells machines: its canonical URL, feed links, social card tags
and JSON-LD, chosen by what the page is about (a story, a section, the front page, an
author or a topic; anything else gets the site's feeds only).

components/seo/head.html renders the result; syndication_tags.head_metadata builds it.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.paginator import Page as ListingPage
from taggit.models import Tag
from wagtail.models import Page

from newsdesk.core.models import NewsroomSettings
from newsdesk.news.models import ArticlePage, Author, HomePage, SectionPage

from . import social, structured_data
from .conf import feed_settings
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


@dataclass
class HeadMetadata:
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

    @property
    def home_url(self):
        return self.site.root_page.get_full_url(self.request)

    def publisher(self):
        logo = self.newsroom.logo
        logo_photo = photo(self.request, logo, feed_settings.LOGO_IMAGE) if logo else None
        return structured_data.publisher(
            site_name=self.site_name, home_url=self.home_url, logo=logo_photo
        )

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
    )
    site_feeds = feed_links(request, facts.site_name, "site")
    for model, key, describe in subjects():
        subject = context.get(key)
        if isinstance(subject, model):
            head = describe(facts, subject)
            head.feeds += site_feeds
            return head
    return HeadMetadata(feeds=site_feeds)


def article_head(facts, story, live_updates=None):
    request = facts.request
    published, modified = shown_dates(story)
    authors, topics = story.authors, story.topics
    author_urls = [absolute_url(request, author.get_absolute_url()) for author in authors]
    social_photo, article_photos = None, []
    if story.lead_image:
        specs = [feed_settings.SOCIAL_IMAGE, *feed_settings.STRUCTURED_DATA_IMAGES]
        found = photos(request, story.lead_image, specs)
        social_photo = found[feed_settings.SOCIAL_IMAGE]
        article_photos = [found[spec] for spec in feed_settings.STRUCTURED_DATA_IMAGES]
    description = story.search_description or story_summary(story)
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
    return HeadMetadata(feeds=feeds, social=tags, structured_data=[article, crumbs])


def live_blog_head(facts, blog):
    """A live blog is described as a story, plus its latest updates."""
    updates = list(blog.entries.select_related("author")[:LIVE_UPDATES])
    return article_head(facts, blog, live_updates=updates)


def section_head(facts, section):
    description = section.search_description or section.intro
    return HeadMetadata(
        feeds=section_feed_links(facts.request, section, facts.site),
        social=facts.social_tags(section.title, description),
        structured_data=[structured_data.breadcrumbs(facts.request, section.trail)],
    )


def home_head(facts, home):
    description = home.search_description or facts.newsroom.tagline
    site = structured_data.website(
        facts.request, site_name=facts.site_name, home_url=facts.home_url, by=facts.publisher()
    )
    return HeadMetadata(
        social=facts.social_tags(facts.site_name, description), structured_data=[site]
    )


def author_head(facts, author):
    return HeadMetadata(
        feeds=feed_links(facts.request, author.name, "author", slug=author.slug),
        social=facts.social_tags(author.name, author.bio, kind="profile"),
        structured_data=[structured_data.profile_page(facts.request, author, facts.canonical_url)],
    )


def topic_head(facts, topic):
    return HeadMetadata(
        feeds=feed_links(facts.request, topic.name, "topic", slug=topic.slug),
        social=facts.social_tags(topic.name, f"Stories about {topic.name}."),
    )


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
