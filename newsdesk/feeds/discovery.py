"""Feed autodiscovery: the <link rel="alternate"> tags that let feed readers find feeds
from any page, the most specific feed first (readers offer the first one)."""

from dataclasses import dataclass

from django.urls import reverse

from .stories import absolute_url

FORMATS = [
    ("rss", "RSS", "application/rss+xml"),
    ("atom", "Atom", "application/atom+xml"),
    ("json", "JSON Feed", "application/feed+json"),
]


@dataclass(frozen=True)
class FeedLink:
    title: str
    url: str
    mime_type: str


def feed_links(request, title, url_name, **kwargs):
    """The three formats of one feed."""
    return [
        FeedLink(
            title=f"{title} ({label})",
            url=absolute_url(
                request, reverse(f"feeds:{url_name}", kwargs={**kwargs, "format": name})
            ),
            mime_type=mime_type,
        )
        for name, label, mime_type in FORMATS
    ]


def section_path(section, site):
    """The section's URL path below the site's root: "news/us"."""
    return section.url_path.removeprefix(site.root_page.localized.url_path).strip("/")


def section_feed_links(request, section, site):
    """No links for a section that is the site's root: its feed is the site's own."""
    path = section_path(section, site)
    if not path:
        return []
    return feed_links(request, section.title, "section", section_path=path)
