"""Feed generators: Django's RSS 2.0 and Atom writers taught a few more elements, and a
JSON Feed 1.1 writer.

Feed (feeds.py) passes each item these keys besides Django's own, through
item_extra_kwargs:
  authors       [{"name", "url"}], the byline in order
  content_html  the whole story as HTML, or None when the site sends excerpts
  summary_text  the standfirst as plain text
  image         a stories.Photo of the lead photo, or None
  audio         {"url", "length", "mime_type", "seconds"} of the story's audio, or None
and the feed itself, through feed_extra_kwargs:
  icon          a stories.Photo of the newsroom's logo, or None
  podcast       {"author", "category", "artwork"} for the feed podcast apps read, or None
"""

import json

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DUBLIN_CORE_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_RSS_NS = "http://search.yahoo.com/mrss/"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


class RssFeed(Rss201rev2Feed):
    """RSS descriptions are read as HTML: the channel's, plain text from wherever it comes
    (an author's name, a topic, a section's intro, the tagline), is escaped here, as each
    item's is in feeds.py. Titles stay plain text, as RSS defines them (see the note in
    test_hostile_text.py on readers that guess)."""

    def __init__(self, title, link, description, **kwargs):
        super().__init__(title, link, escape(description), **kwargs)

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DUBLIN_CORE_NS,
            "xmlns:media": MEDIA_RSS_NS,
            "xmlns:itunes": ITUNES_NS,
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        icon = self.feed.get("icon")
        if icon:
            handler.startElement("image", {})
            handler.addQuickElement("url", icon.url)
            handler.addQuickElement("title", self.feed["title"])
            handler.addQuickElement("link", self.feed["link"])
            handler.endElement("image")
        podcast = self.feed.get("podcast")
        if podcast:
            handler.addQuickElement("itunes:author", podcast["author"])
            handler.addQuickElement("itunes:summary", self.feed["description"])
            handler.addQuickElement("itunes:category", None, {"text": podcast["category"]})
            handler.addQuickElement("itunes:explicit", "false")
            if podcast["artwork"]:
                handler.addQuickElement("itunes:image", None, {"href": podcast["artwork"].url})

    def add_item_elements(self, handler, item):
        # RSS allows one enclosure per item: the audio when there is some, because podcast
        # apps play the enclosure; the photo always travels as media:content below.
        # Authors are written as one dc:creator each, not Django's single joined name.
        super().add_item_elements(
            handler, {**item, "author_name": None, "enclosures": item["enclosures"][:1]}
        )
        for author in item["authors"]:
            handler.addQuickElement("dc:creator", author["name"])
        if item["content_html"]:
            handler.addQuickElement("content:encoded", item["content_html"])
        image = item["image"]
        if image:
            # No media:description with the alt text: readers (feedparser among them)
            # take it for the story's content.
            attributes = {
                "url": image.url,
                "medium": "image",
                "type": image.mime_type,
                "width": str(image.width),
                "height": str(image.height),
            }
            handler.addQuickElement("media:content", None, attributes)
        if item["audio"]:
            handler.addQuickElement("itunes:duration", str(item["audio"]["seconds"]))


class AtomFeed(Atom1Feed):
    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        icon = self.feed.get("icon")
        if icon:
            handler.addQuickElement("logo", icon.url)

    def add_item_elements(self, handler, item):
        # Atom names every author of an entry; Django's writer names one.
        super().add_item_elements(handler, {**item, "author_name": None})
        for author in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            handler.addQuickElement("uri", author["url"])
            handler.endElement("author")
        if item["content_html"]:
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class JsonFeed(SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""

    content_type = "application/feed+json; charset=utf-8"
    version = "https://jsonfeed.org/version/1.1"

    def write(self, outfile, encoding):
        json.dump(self.as_json(), outfile, ensure_ascii=False)

    def as_json(self):
        feed = self.feed
        document = {
            "version": self.version,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
            "authors": [{"name": feed["author_name"], "url": feed["link"]}],
            "items": [self.item_json(item) for item in self.items],
        }
        if feed.get("icon"):
            document["icon"] = feed["icon"].url
        return {key: value for key, value in document.items() if value is not None}

    def item_json(self, item):
        entry = {
            "id": item["unique_id"],
            "url": item["link"],
            "title": item["title"],
            "summary": item["summary_text"],
            "date_published": item["pubdate"].isoformat(),
            "date_modified": item["updateddate"].isoformat(),
            "authors": item["authors"],
            "tags": list(item["categories"]),
        }
        # Every item needs content_html or content_text: excerpts send the standfirst.
        if item["content_html"]:
            entry["content_html"] = item["content_html"]
        else:
            entry["content_text"] = item["summary_text"]
        if item["image"]:
            entry["image"] = item["image"].url
        if item["audio"]:
            audio = item["audio"]
            entry["attachments"] = [
                {
                    "url": audio["url"],
                    "mime_type": audio["mime_type"],
                    "size_in_bytes": audio["length"],
                    "duration_in_seconds": audio["seconds"],
                }
            ]
        return entry
