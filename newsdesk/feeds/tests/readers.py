"""How real clients read what the site serves: feedparser for RSS and Atom, the JSON Feed
1.1 rules for JSON (feedparser 6 has no JSON reader), extruct for JSON-LD and OpenGraph."""

import json
from datetime import datetime
from urllib.parse import urlsplit

import extruct
import feedparser

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def read_feed(response):
    """An RSS or Atom response as feedparser reads it; any parse warning fails the test."""
    assert response.status_code == 200, response.status_code
    parsed = feedparser.parse(
        response.content, response_headers={"content-type": response["Content-Type"]}
    )
    assert not parsed.bozo, f"feedparser warned: {parsed.get('bozo_exception')!r}"
    assert parsed.version in {"rss20", "atom10"}, parsed.version
    return parsed


def read_json_feed(response):
    """A JSON Feed response, checked against the rules of JSON Feed 1.1."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    document = json.loads(response.content)
    assert document["version"] == JSON_FEED_VERSION
    assert isinstance(document["title"], str) and document["title"]
    for key in ("home_page_url", "feed_url"):
        assert_absolute(document[key])
    ids = [item["id"] for item in document["items"]]
    assert len(ids) == len(set(ids)), "item ids must be unique"
    for item in document["items"]:
        check_json_feed_item(item)
    return document


def check_json_feed_item(item):
    assert isinstance(item["id"], str) and item["id"]
    assert isinstance(item.get("content_html") or item.get("content_text"), str), item["id"]
    assert_absolute(item["url"])
    for key in ("date_published", "date_modified"):
        assert datetime.fromisoformat(item[key]).tzinfo is not None, f"{key} needs a zone"
    for author in item.get("authors", []):
        assert author["name"]
    assert all(isinstance(tag, str) for tag in item.get("tags", []))
    if "image" in item:
        assert_absolute(item["image"])
    for attachment in item.get("attachments", []):
        assert_absolute(attachment["url"])
        assert attachment["mime_type"]


def assert_absolute(url):
    parts = urlsplit(url)
    assert parts.scheme in {"http", "https"} and parts.netloc, f"{url!r} is not absolute"


def structured_data(html, url):
    """The JSON-LD and OpenGraph a crawler extracts from the page."""
    return extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)


def json_ld_of_type(html, url, schema_type):
    found = [item for item in structured_data(html, url)["json-ld"] if item["@type"] == schema_type]
    assert len(found) == 1, f"expected one {schema_type}, found {len(found)}"
    return found[0]
