"""A stored page's bodies, one per content coding, and what a request is sent of them.

When a page is stored, its body is kept as rendered (identity) and compressed once in
each coding of encodings.CODINGS that makes it smaller; each has its own strong ETag (a
hash of its own bytes, so no two codings share one). A hit picks the body the request's
Accept-Encoding prefers and sends it as stored, with its Content-Encoding, Content-Length
and ETag, or a 304 when If-None-Match names that ETag. The middleware and both front doors
(front_door.py) answer through `delivery`.

Compressing these pages is safe from BREACH (compression leaking a secret next to text
an attacker makes the page reflect): a stored page is the one copy every anonymous reader
gets, rendered without a session and with no CSRF token (a render that asks for one sets
the csrftoken cookie, and a response setting a cookie is never stored: policy.py), so it
holds no secret to leak, even where it shows what a reader typed (search results). The
app compresses no personal response (middleware.py's `personal`).
"""

import hashlib
from typing import NamedTuple

from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

from .encodings import CODINGS, IDENTITY, choose_coding, compress, is_compressible
from .tag_header import headers_for_readers

# The header fields a 304 repeats from the 200 it stands for (RFC 9110 section 15.4.5).
NOT_MODIFIED_HEADERS = frozenset(
    {"cache-control", "content-location", "date", "etag", "expires", "last-modified", "vary"}
)
# Set per representation when it is sent, not kept with the page's headers. (A body
# the view encoded itself is not compressed again, and keeps its Content-Encoding.)
REPRESENTATION_HEADERS = frozenset({"content-length", "etag"})


class Representation(NamedTuple):
    coding: str
    body: bytes
    etag: str | None


class Delivery(NamedTuple):
    status: int
    headers: list
    body: bytes


def representations_of(response, codings=CODINGS):
    """The response's body as rendered, then in each coding that makes it smaller. Adds
    Vary: Accept-Encoding to the response when there is more than one."""
    body = response.content
    own_etag = response.get("ETag")
    identity = Representation(IDENTITY, body, own_etag or etag_of(response.status_code, body))
    if not is_compressible(
        response.get("Content-Type"), response.get("Content-Encoding"), len(body)
    ):
        return (identity,)
    patch_vary_headers(response, ("Accept-Encoding",))
    compressed = []
    for coding in codings:
        encoded = compress(body, coding)
        if len(encoded) < len(body):
            # A view's own strong ETag names the identity bytes; compressed, they are
            # only equivalent (RFC 9110 section 8.8.1), as Django's GZipMiddleware says.
            etag = weakened(own_etag) if own_etag else etag_of(response.status_code, encoded)
            compressed.append(Representation(coding, encoded, etag))
    return (identity, *compressed)


def etag_of(status, body):
    """A strong ETag for a 200's bytes; other statuses take no conditional requests."""
    if status != 200:
        return None
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def weakened(etag):
    return etag if etag.startswith("W/") else f"W/{etag}"


def stored_headers(response):
    """The response's headers that hold for every representation."""
    return tuple(
        (name, value)
        for name, value in response.items()
        if name.lower() not in REPRESENTATION_HEADERS
    )


def delivery(status, headers, representations, accept_encoding, if_none_match):
    """What to send a request for a stored page: status, headers (a list of (name,
    value)) and body. Compresses nothing."""
    chosen = chosen_representation(representations, accept_encoding)
    sent = headers_for_readers(headers)
    if chosen.coding != IDENTITY:
        sent.append(("Content-Encoding", chosen.coding))
    if chosen.etag:
        sent.append(("ETag", chosen.etag))
    if status == 200 and is_not_modified(if_none_match, chosen.etag):
        return Delivery(304, [(n, v) for n, v in sent if n.lower() in NOT_MODIFIED_HEADERS], b"")
    sent.append(("Content-Length", str(len(chosen.body))))
    return Delivery(status, sent, chosen.body)


def chosen_representation(representations, accept_encoding):
    by_coding = {representation.coding: representation for representation in representations}
    available = tuple(coding for coding in CODINGS if coding in by_coding)
    return by_coding.get(choose_coding(accept_encoding, available), representations[0])


def is_not_modified(if_none_match, etag):
    """If-None-Match's weak comparison (RFC 9110 section 13.1.2)."""
    if not if_none_match or not etag:
        return False
    etags = parse_etags(if_none_match)
    return etags == ["*"] or etag.removeprefix("W/") in {e.removeprefix("W/") for e in etags}
