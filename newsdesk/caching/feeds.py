"""The feeds app's answer to "which URLs show this story": the site's feeds, the feeds of
its sections, authors and topics, the audio feed, and the sitemaps.

The feeds app declares its URLs by name; this reads them with reverse() and needs nothing
else from it. Registered in wagtail_hooks.py only when newsdesk.feeds is installed.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from newsdesk.news.models import ArticlePage, section_trail


def feed_paths(page):
    if not isinstance(page, ArticlePage):
        return set()
    from newsdesk.feeds.views import FORMATS

    formats = list(FORMATS)
    authors = [author.slug for author in page.authors]
    topics = [tag.slug for tag in page.tags.all()]
    scopes = [("feeds:site", {})]
    # A section that is its site's root has no feed of its own (the site's is its feed).
    section_paths = filter(None, map(section_path, section_trail(page)))
    scopes += [("feeds:section", {"section_path": path}) for path in section_paths]
    scopes += [("feeds:author", {"slug": slug}) for slug in authors]
    scopes += [("feeds:topic", {"slug": slug}) for slug in topics]
    if page.audio_id:
        scopes.append(("feeds:audio", {}))
    paths = {
        reverse(name, kwargs={**kwargs, "format": f}) for name, kwargs in scopes for f in formats
    }
    return paths | sitemap_paths(page, has_authors=bool(authors), has_topics=bool(topics))


def sitemap_paths(page, has_authors, has_topics):
    sections = ["pages"]
    if has_authors:
        sections.append("authors")
    if has_topics:
        sections.append("topics")
    if is_in_news_sitemap(page):
        sections.append("news")
    return {reverse("feeds:sitemap_index")} | {
        reverse("feeds:sitemap", args=[section]) for section in sections
    }


def is_in_news_sitemap(page):
    from newsdesk.feeds.conf import feed_settings

    since = timezone.now() - timedelta(hours=feed_settings.NEWS_SITEMAP_HOURS)
    return page.first_published_at is None or page.first_published_at >= since


def section_path(section):
    """The section's path below its site's root, as the section feed's URL names it."""
    site = section.get_site()
    return section.url_path.removeprefix(site.root_page.url_path).strip("/")
