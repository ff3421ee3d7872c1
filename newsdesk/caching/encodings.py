"""Content codings: which one a request accepts (Accept-Encoding, RFC 9110 section
12.5.3) and the compressors. Pages are compressed once, when they are stored (store.py);
a hit sends the stored bytes.
"""

import functools
import gzip
import re

import brotli

from .conf import cache_settings

IDENTITY = "identity"
# In the order preferred when a request accepts several equally: brotli's pages are
# about a tenth smaller than gzip's.
CODINGS = ("br", "gzip")
# RFC 9110 section 8.4.1.3: x-gzip is gzip.
ALIASES = {"x-gzip": "gzip"}
# Shorter bodies gain less than the Content-Encoding header costs.
MIN_COMPRESSIBLE_BYTES = 200
COMPRESSIBLE_TYPES = re.compile(
    r"^(text/|application/([a-z.+-]*\+)?(json|xml|javascript)|image/svg\+xml)", re.I
)
# Readers' browsers send a handful of different headers: each is parsed once per process
# (a long one, which only a script sends, every time: it would hold memory).
REMEMBERED_HEADER_LENGTH = 200
TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9a-z-]+$")
# Below the least weight a request can give (q=0.001).
UNNAMED_IDENTITY = 0.0001
QVALUE = re.compile(r"^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$")


def accepted_codings(header):
    """{coding: q} from an Accept-Encoding value, names lowercased; an item that is not
    a token with an optional valid q (q=2, q=high, "g zip") is left out."""
    accepted = {}
    for item in (header or "").split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        coding = ALIASES.get(coding.lower(), coding.lower())
        if not TOKEN.match(coding):
            continue
        q = qvalue(params)
        if q is not None:
            accepted[coding] = max(q, accepted.get(coding, 0.0))
    return accepted


def qvalue(params):
    """The q parameter's weight (1 when absent), None when it is malformed."""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            value = value.strip()
            return float(value) if QVALUE.match(value) else None
    return 1.0


def choose_coding(header, available):
    """The coding of `available` (a tuple, of CODINGS) the request prefers, or identity.

    No Accept-Encoding, or an empty one, gets identity: RFC 9110 would allow any coding
    without the header, but clients that send none (scripts, old proxies) are the ones
    that may not decode. q=0 refuses a coding; * stands for every coding not named. When
    the request refuses everything, identity is sent anyway: the RFC allows it, and a 406
    would only be worse for the reader.
    """
    if header and len(header) <= REMEMBERED_HEADER_LENGTH:
        return remembered_choice(header, available)
    return choice(header, available)


@functools.lru_cache(maxsize=256)
def remembered_choice(header, available):
    return choice(header, available)


def choice(header, available):
    accepted = accepted_codings(header)
    if not accepted:
        return IDENTITY
    weights = {coding: weight(accepted, coding) for coding in (*available, IDENTITY)}
    best = max(weights.values())
    if best <= 0:
        return IDENTITY
    # Ties go to the first in CODINGS order, then identity (dicts keep insertion order).
    return next(coding for coding, q in weights.items() if q == best)


def weight(accepted, coding):
    if coding in accepted:
        return accepted[coding]
    if "*" in accepted:
        return accepted["*"]
    # identity is acceptable unless refused by name or by *;q=0, but after anything the
    # request names: "br;q=0.5" prefers brotli to the page as it is.
    return UNNAMED_IDENTITY if coding == IDENTITY else 0.0


def is_compressible(content_type, content_encoding, size):
    return (
        not content_encoding
        and size >= MIN_COMPRESSIBLE_BYTES
        and bool(COMPRESSIBLE_TYPES.match(content_type or ""))
    )


def compress(body, coding):
    if coding == "gzip":
        # mtime=0: the same page compresses to the same bytes (and the same ETag).
        return gzip.compress(body, compresslevel=cache_settings.GZIP_LEVEL, mtime=0)
    if coding == "br":
        return brotli.compress(body, mode=brotli.MODE_TEXT, quality=cache_settings.BROTLI_QUALITY)
    raise ValueError(f"unknown content coding {coding!r}")
