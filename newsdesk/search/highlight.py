"""Matched words marked in titles and snippets, safely.

The database backend does not highlight, so matches are found again here. The text is
escaped piece by piece and only the <mark> tags are ours: nothing a reader or an editor
typed ever reaches the page unescaped.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .conf import search_settings

# Marking these everywhere would hide the real matches; PostgreSQL ignores them too.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)
SNIPPET_LEAD_IN = 60  # characters shown before the first match
ELLIPSIS = "\u2026"


def match_pattern(terms):
    """Words starting with a term: "flood" also marks "flooding", as stemming finds it."""
    words = sorted({term for term in terms if len(term) > 1 and term not in STOP_WORDS}, key=len)
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in reversed(words))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def highlight(text, terms):
    pattern = match_pattern(terms)
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group()))
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # each piece was escaped above


def snippet(text, terms, fallback=""):
    """A passage of `text` around its first match, marked; else the fallback, marked."""
    pattern = match_pattern(terms)
    match = pattern.search(text) if pattern else None
    if match is None:
        return highlight(Truncator(fallback or text).words(40), terms)
    length = search_settings.SNIPPET_LENGTH
    start = max(0, match.start() - SNIPPET_LEAD_IN)
    if start:
        # Begin at a word: skip past the space before the lead-in.
        start = text.find(" ", start, match.start()) + 1 or start
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", match.end(), end) if " " in text[match.end() : end] else end
    passage = text[start:end].strip()
    prefix = ELLIPSIS if start else ""
    suffix = ELLIPSIS if end < len(text) else ""
    return format_html("{}{}{}", prefix, highlight(passage, terms), suffix)
