"""The reader's network address, behind the front proxies we run (nginx, Varnish).

Each proxy appends the address it got the request from to X-Forwarded-For, so with N
trusted proxies in front of the app the reader's address is the N-th entry from the
right; everything left of it was sent by the client and proves nothing. With no trusted
proxy (NEWSDESK_TRUSTED_PROXY_COUNT=0, development) it is the connection's own peer.

`ClientAddressMiddleware` puts that address in REMOTE_ADDR, so whatever reads it
(Django's error emails, the comments' rate limits and bans) gets the reader, not the
proxy, and `client_address(request)` gives the same answer with or without it.
"""

import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger(__name__)

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"
PEER = "newsdesk.peer_address"  # REMOTE_ADDR as the server gave it, before the middleware


def trusted_proxy_count():
    return getattr(settings, "NEWSDESK_TRUSTED_PROXY_COUNT", 0)


def normalise(value):
    """An address in its one canonical spelling ("2001:db8::1", "203.0.113.7"), from
    what proxies write ("[2001:db8::1]:443", "203.0.113.7:5678", "::ffff:203.0.113.7"),
    or None for anything that is not an address ("unknown", garbage)."""
    value = (value or "").strip().strip('"')
    port = ""
    if value.startswith("["):  # [IPv6] or [IPv6]:port
        value, bracket, port = value[1:].partition("]")
        if not bracket or (port and not port.startswith(":")):
            return None
        port = port[1:]
    elif value.count(":") == 1:  # IPv4:port
        value, _, port = value.partition(":")
    if port and not port.isdecimal():
        return None
    value = value.partition("%")[0]  # an IPv6 zone ("fe80::1%eth0") names our interface
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def forwarded_address(header, count):
    """The entry `count` places from the right of an X-Forwarded-For header, or None
    when there are fewer: the request did not pass every trusted proxy."""
    if not header.strip():
        return None
    # Split from the right, at most `count` times: a client's hundred forged hops cost
    # nothing to skip.
    entries = header.rsplit(",", count)
    if len(entries) < count:
        return None
    return entries[-count]


def client_address(request):
    meta = request.META
    peer = meta.get(PEER, meta.get("REMOTE_ADDR"))
    count = trusted_proxy_count()
    if count <= 0:
        return normalise(peer)
    entry = forwarded_address(meta.get(FORWARDED_FOR, ""), count)
    if entry is None:
        return normalise(peer)
    address = normalise(entry)
    if address is None:
        # Written by a proxy we trust, so this is a misconfigured front, not a reader.
        logger.warning("Unreadable client address %r in X-Forwarded-For", entry[:100])
        return normalise(peer)
    return address


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.setdefault(PEER, request.META.get("REMOTE_ADDR"))
        request.META["REMOTE_ADDR"] = client_address(request) or ""
        return self.get_response(request)
