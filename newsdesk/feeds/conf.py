"""The feeds app's defaults, each overridable in settings as NEWSDESK_FEEDS_<NAME>.

Read them through `feed_settings.NAME`, which looks at Django's settings on every access,
so `override_settings` in tests and per-environment settings both work.
"""

from newsdesk.core.conf import AppSettings

DEFAULTS = {
    # Stories in each RSS, Atom and JSON feed, newest first.
    "ITEMS": 30,
    # The authority of every story's GUID, a "tag:" URI (RFC 4151): a domain the newsroom
    # owns and a date when it owned it, e.g. "news.example.org,2026". Feed readers know a
    # story by its GUID, so set this once at launch (the FEEDS_TAG_AUTHORITY environment
    # variable) and never change it. None: the host of WAGTAILADMIN_BASE_URL and 2026.
    "TAG_AUTHORITY": None,
    # URLs per page of the paged sitemaps (search engines accept up to 50,000).
    "SITEMAP_PAGE_SIZE": 1000,
    # The Google News sitemap lists stories first published this many hours ago or less,
    # at most NEWS_SITEMAP_LIMIT of them (Google reads no more than 1,000).
    "NEWS_SITEMAP_HOURS": 48,
    "NEWS_SITEMAP_LIMIT": 1000,
    # Renditions of the lead photo. Feeds: 16:9, the shape of the article page. Social
    # cards: 1.91:1, what Facebook, LinkedIn and X's large card crop to. Search engines:
    # the three shapes Google asks for in a NewsArticle.
    "FEED_IMAGE": "fill-1200x675|format-jpeg",
    "SOCIAL_IMAGE": "fill-1200x630|format-jpeg",
    "STRUCTURED_DATA_IMAGES": [
        "fill-1200x675|format-jpeg",
        "fill-1200x900|format-jpeg",
        "fill-1200x1200|format-jpeg",
    ],
    "LOGO_IMAGE": "max-600x60|format-png",
    # The podcast feed's category, from Apple's list of podcast categories, and its
    # artwork: square, 1400 to 3000 pixels a side (from NewsroomSettings.podcast_artwork).
    "PODCAST_CATEGORY": "News",
    "PODCAST_ARTWORK": "fill-3000x3000|format-jpeg",
}

feed_settings = AppSettings("NEWSDESK_FEEDS_", DEFAULTS)
