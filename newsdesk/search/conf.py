"""The site search's defaults, each overridable in settings as NEWSDESK_SEARCH_<NAME>.

Read them through `search_settings.NAME`, which looks at Django's settings on every
access, so `override_settings` in tests and per-environment settings both work.
"""

from newsdesk.core.conf import AppSettings

DEFAULTS = {
    "RESULTS_PER_PAGE": 10,
    # A longer query is cut to this many characters (and the reader told), never refused.
    "MAX_QUERY_LENGTH": 200,
    # Words searched for at most; more make the database work harder for nothing.
    "MAX_TERMS": 12,
    # Characters shown around the first match in a result's snippet.
    "SNIPPET_LENGTH": 220,
    # Past this many matches, results come newest first instead of best match first;
    # None: always by best match. Ranking on SQLite costs the square of the matches
    # (Wagtail's backend scores each one in a subquery), so base.py sets a limit there.
    "MAX_RANKED_MATCHES": None,
    # Pages that are not stories (sections, policy pages) shown above the first page of
    # results when they hold every word.
    "PAGE_MATCHES": 3,
}

search_settings = AppSettings("NEWSDESK_SEARCH_", DEFAULTS)
