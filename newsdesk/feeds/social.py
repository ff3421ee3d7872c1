"""OpenGraph and X (Twitter) card tags: what a link shows when shared.

The lead photo goes out at 1200x630 (SOCIAL_IMAGE), the 1.91:1 shape Facebook, LinkedIn
and X's large card show without cropping.
"""

from dataclasses import dataclass

from django.utils.translation import get_language, to_locale

from newsdesk.editions.conf import OG_LOCALES


@dataclass(frozen=True)
class MetaTag:
    attribute: str  # "property" for OpenGraph, "name" for X
    name: str
    content: str


def og(name, content):
    return MetaTag("property", f"og:{name}", str(content))


def x_card(name, content):
    return MetaTag("name", f"twitter:{name}", str(content))


def page_tags(*, site_name, title, description, url, x_handle, kind="website", image=None):
    """The tags every shared link needs, with or without a photo."""
    tags = [og("site_name", site_name), og("type", kind), og("title", title), og("url", url)]
    locale = OG_LOCALES.get(get_language() or "", to_locale(get_language() or ""))
    if "_" in locale:  # OpenGraph wants language_TERRITORY; a bare "en" says nothing new
        tags.append(og("locale", locale))
    if description:
        tags.append(og("description", description))
    tags.append(x_card("card", "summary_large_image" if image else "summary"))
    if x_handle:
        tags.append(x_card("site", f"@{x_handle}"))
    tags += [x_card("title", title)]
    if description:
        tags.append(x_card("description", description))
    if image:
        tags += image_tags(image)
    return tags


def image_tags(image):
    tags = [
        og("image", image.url),
        og("image:type", image.mime_type),
        og("image:width", image.width),
        og("image:height", image.height),
        x_card("image", image.url),
    ]
    if image.alt:
        tags += [og("image:alt", image.alt), x_card("image:alt", image.alt)]
    return tags


def article_tags(*, published, modified, section, authors, topics, author_urls):
    """The article:* tags, and the byline's X handle as the card's creator."""
    tags = []
    if published:
        tags.append(og_article("published_time", published.isoformat()))
    if modified:
        tags.append(og_article("modified_time", modified.isoformat()))
    if section:
        tags.append(og_article("section", section.title))
    tags += [og_article("author", url) for url in author_urls]
    tags += [og_article("tag", topic.name) for topic in topics]
    handles = [author.x_handle for author in authors if author.x_handle]
    if handles:
        tags.append(x_card("creator", f"@{handles[0]}"))
    return tags


def og_article(name, content):
    return MetaTag("property", f"article:{name}", str(content))
