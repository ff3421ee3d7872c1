from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.sitemaps import views as sitemap_views

from newsdesk.caching.metadata import add_cache_tags

from .feeds import AudioFeed, AuthorFeed, SectionFeed, SiteFeed, TopicFeed
from .generators import AtomFeed, JsonFeed, RssFeed
from .sitemaps import SITEMAPS
from .stories import absolute_url

# The last part of every feed URL: /feeds/rss/, /feeds/sections/news/atom/...
FORMATS = {"rss": RssFeed, "atom": AtomFeed, "json": JsonFeed}
SITEMAPS_TAG = "sitemaps"


def feed_view(feed_class):
    """A view serving feed_class in the format the URL names; one shared Feed per format."""
    feeds = {name: feed_class(generator) for name, generator in FORMATS.items()}

    def view(request, format, **kwargs):
        return feeds[format](request, **kwargs)

    view.__name__ = view.__qualname__ = f"{feed_class.__name__.lower()}_view"
    return view


site_feed = feed_view(SiteFeed)
section_feed = feed_view(SectionFeed)
author_feed = feed_view(AuthorFeed)
topic_feed = feed_view(TopicFeed)
audio_feed = feed_view(AudioFeed)


def sitemap_index(request):
    add_cache_tags(SITEMAPS_TAG)
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="feeds:sitemap")


def sitemap(request, section):
    add_cache_tags(SITEMAPS_TAG)
    template_name = getattr(SITEMAPS.get(section), "template_name", "feeds/sitemap.xml")
    return sitemap_views.sitemap(request, SITEMAPS, section=section, template_name=template_name)


def robots_txt(request):
    sitemaps = []
    for code, _ in settings.LANGUAGES:  # each edition's sitemaps (/es/sitemap.xml...)
        with translation.override(code):
            sitemaps += [
                absolute_url(request, reverse("feeds:sitemap_index")),
                absolute_url(request, reverse("feeds:sitemap", args=["news"])),
            ]
    return render(
        request,
        "feeds/robots.txt",
        {"sitemaps": sitemaps},
        content_type="text/plain; charset=utf-8",
    )
