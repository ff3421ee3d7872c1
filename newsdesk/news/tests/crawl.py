"""Every URL a reader can request, built from the URLconf and the sitemaps.

Each route of the URLconf is either crawled (ROUTES: a function giving its URLs for what
is in the database) or excluded with a reason (EXCLUDED); `uncovered_routes()` names any
other, so a new route fails the crawl tests until it is one or the other. The page URLs
come from the database (every page, published or not) and from each sitemap's <loc>s.
"""

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

from django.urls import URLResolver, get_resolver, reverse
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from newsdesk.feeds.sitemaps import SITEMAPS
from newsdesk.feeds.views import FORMATS
from newsdesk.live.models import LiveChannel
from newsdesk.news.models import Author, SectionPage

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

EXCLUDED_PREFIXES = {
    "admin/": "the Wagtail admin: staff only, tested per role in newsdesk/users",
}
EXCLUDED = {
    "wagtaildocs_serve": "documents: no story here carries one (Wagtail checks their collections)",
    "wagtaildocs_authenticate_with_password": "a collection's password form: shows no story",
    "live_streams:stream_file": "HLS files of a live channel's stream: no story content",
    "comments:unsubscribe": "a signed token from a reply email: no story content",
    "health": "the health checks: counts of workers and tasks, no story content",
    "health-check": "one health check: counts of workers and tasks, no story content",
}


@dataclass
class Words:
    """What the crawl looks for: the search words, and the page a story is known by."""

    search: str
    page_id: int
    photo_ids: list = field(default_factory=list)


def feed_urls(name, **kwargs):
    return [reverse(f"feeds:{name}", kwargs={**kwargs, "format": kind}) for kind in FORMATS]


def page_urls(words):
    return [page.url for page in Page.objects.all() if page.url]


def media_urls(words):
    photos = get_image_model().objects.filter(pk__in=words.photo_ids)
    urls = []
    for photo in photos.prefetch_related("renditions"):
        urls.append(photo.file.url)
        urls.extend(rendition.url for rendition in photo.renditions.all())
    return urls


def channel_slugs():
    return [channel.slug for channel in LiveChannel.objects.all()] or ["no-channel"]


def password_forms(words):
    restrictions = PageViewRestriction.objects.all()
    pairs = [(restriction.pk, restriction.page_id) for restriction in restrictions]
    return [
        reverse("wagtailcore_authenticate_with_password", args=pair)
        for pair in pairs or [(0, words.page_id)]
    ]


def api_urls(endpoint, words, ids):
    base = f"/api/v2/{endpoint}/"
    return [base, f"{base}?search={words.search}", f"{base}?fields=*&limit=20", *ids]


ROUTES = {
    "favicon.ico": lambda words: ["/favicon.ico"],
    "wagtailapi:pages:listing": lambda words: api_urls("pages", words, []),
    "wagtailapi:pages:detail": lambda words: [f"/api/v2/pages/{words.page_id}/"],
    "wagtailapi:pages:find": lambda words: [
        f"/api/v2/pages/find/?html_path={page.url}" for page in Page.objects.all() if page.url
    ],
    "wagtailapi:images:listing": lambda words: api_urls("images", words, []),
    "wagtailapi:images:detail": lambda words: [f"/api/v2/images/{pk}/" for pk in words.photo_ids],
    "wagtailapi:images:find": lambda words: [
        f"/api/v2/images/find/?id={pk}" for pk in words.photo_ids
    ],
    "multimedia:photo": media_urls,
    "news:author": lambda words: [author.get_absolute_url() for author in Author.objects.all()],
    "news:topic": lambda words: [
        reverse("news:topic", args=[tag.slug]) for tag in Tag.objects.all()
    ],
    "comments:root": lambda words: ["/comments/"],
    "comments:thread": lambda words: [reverse("comments:thread", args=[words.page_id])],
    "comments:fragment": lambda words: [reverse("comments:fragment", args=[words.page_id])],
    "comments:post": lambda words: [reverse("comments:post", args=[words.page_id])],
    "comments:count": lambda words: [reverse("comments:count", args=[words.page_id])],
    "live:index": lambda words: ["/live/"],
    "live_streams:blog_events": lambda words: [
        reverse("live_streams:blog_events", args=[words.page_id])
    ],
    "live:channel": lambda words: [reverse("live:channel", args=[s]) for s in channel_slugs()],
    "live:listen": lambda words: [reverse("live:listen", args=[s]) for s in channel_slugs()],
    "live:channel_status": lambda words: [
        reverse("live:channel_status", args=[s]) for s in channel_slugs()
    ],
    "feeds:site": lambda words: feed_urls("site"),
    "feeds:section": lambda words: [
        url
        for section in SectionPage.objects.all()
        for url in feed_urls("section", section_path=section.url.strip("/"))
        if section.url
    ],
    "feeds:author": lambda words: [
        url for author in Author.objects.all() for url in feed_urls("author", slug=author.slug)
    ],
    "feeds:topic": lambda words: [
        url for tag in Tag.objects.all() for url in feed_urls("topic", slug=tag.slug)
    ],
    "feeds:audio": lambda words: feed_urls("audio"),
    "feeds:sitemap_index": lambda words: ["/sitemap.xml"],
    "feeds:sitemap": lambda words: [reverse("feeds:sitemap", args=[name]) for name in SITEMAPS],
    "feeds:robots_txt": lambda words: ["/robots.txt"],
    "search:search": lambda words: [
        f"/search/?q={words.search}",
        f"/search/?q={words.search}&sort=relevance",
    ],
    "caching:health": lambda words: ["/healthz/"],
    "about:not_found_preview": lambda words: ["/404-preview/"],
    "wagtailcore_authenticate_with_password": password_forms,
    "wagtailcore_login": lambda words: ["/_util/login/"],
    "wagtail_serve": page_urls,
}


def routes(resolver=None, prefix="", namespaces=()):
    """(route, name) of every URL pattern, names namespaced as reverse() spells them;
    an unnamed pattern is known by its route."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from routes(pattern, route, inner)
        else:
            yield route, ":".join((*namespaces, pattern.name)) if pattern.name else route


def uncovered_routes():
    return [
        (route, name)
        for route, name in routes()
        if name not in ROUTES
        and name not in EXCLUDED
        and not route.startswith(tuple(EXCLUDED_PREFIXES))
    ]


def sitemap_locations(client):
    """Every <loc> of the sitemap index's sitemaps (pages, authors, topics, news)."""
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = []
    for sitemap in index.iter(f"{SITEMAP_NS}loc"):
        listing = ElementTree.fromstring(client.get(path_of(sitemap.text)).content)
        locations.extend(path_of(loc.text) for loc in listing.iter(f"{SITEMAP_NS}loc"))
    return locations


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url.strip())


def reader_urls(client, words):
    """Every URL to request, each once, in a stable order."""
    urls = [url for build in ROUTES.values() for url in build(words)]
    urls += sitemap_locations(client)
    return list(dict.fromkeys(urls))


def fetch(client, url):
    """(status, text) of an anonymous GET, headers included (a redirect's Location)."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    headers = "\n".join(f"{name}: {value}" for name, value in response.headers.items())
    return response.status_code, headers + "\n\n" + body.decode("utf-8", "replace")


def leaks(client, words, needles):
    """{url: [needles found]} over every reader URL; empty when nothing shows."""
    found = {}
    for url in reader_urls(client, words):
        status, text = fetch(client, url)
        hits = [needle for needle in needles if needle.lower() in text.lower()]
        if hits:
            found[url] = (status, hits)
    return found
