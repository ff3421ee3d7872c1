"""Comment text: plain text in, normalised text stored, escaped HTML out.

The stated rules, and the only changes made to what a reader types:
  - Unicode is normalised to NFC (what they see stays the same; equal text compares equal).
  - Line breaks become "\\n"; other control characters and the invisible bidirectional
    overrides (used to disguise text, as in "Trojan Source") are removed.
  - Leading and trailing whitespace is trimmed; names are also folded onto one line.
Nothing is ever cut short: a limit is enforced by refusing the input (forms.py).
No HTML is ever rendered from comment text: it is escaped, and only http(s) URLs become
links, with rel="nofollow ugc noopener".
"""

import hashlib
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

KEPT_CONTROLS = {"\n", "\t"}
BIDI_CONTROLS = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
# Punctuation ending a sentence is not part of the URL before it.
URL_TRAILING = ".,;:!?'\")]}"
BLANK_LINES = re.compile(r"\n\s*\n")


def normalise(text):
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept = (
        char
        for char in text
        if char in KEPT_CONTROLS
        or (unicodedata.category(char) != "Cc" and char not in BIDI_CONTROLS)
    )
    return "".join(kept).strip()


def normalise_name(text):
    return " ".join(normalise(text).split())


def fingerprint(text):
    """Equal for texts that differ only in case and spacing, as copy-pasted spam does."""
    folded = " ".join(text.casefold().split())
    return hashlib.sha256(folded.encode()).hexdigest()


def find_urls(text):
    return [_trim_url(match.group()) for match in URL.finditer(text)]


def _trim_url(url):
    while url and url[-1] in URL_TRAILING:
        # Keep a closing bracket that closes one opened inside the URL (Wikipedia's links).
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _linkify(line):
    parts, position = [], 0
    for match in URL.finditer(line):
        url = _trim_url(match.group())
        start, end = match.start(), match.start() + len(url)
        parts.append(escape(line[position:start]))
        parts.append(f'<a href="{escape(url)}" rel="nofollow ugc noopener">{escape(url)}</a>')
        position = end
    parts.append(escape(line[position:]))
    return "".join(parts)


def render(text):
    """Paragraphs on blank lines, <br> on single line breaks, links for http(s) URLs."""
    paragraphs = [p.strip("\n") for p in BLANK_LINES.split(text) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(_linkify(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    # Safe: every piece of reader text above went through escape().
    return mark_safe(html)
