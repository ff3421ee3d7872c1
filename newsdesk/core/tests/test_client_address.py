"""The reader's address behind our proxies: the N-th X-Forwarded-For entry from the right
with N trusted proxies, whatever a client writes to the left of it; the peer when the
request did not come through them; never an error for a malformed header."""

import os
import subprocess
import sys

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from newsdesk.core.client_address import (
    ClientAddressMiddleware,
    client_address,
    normalise,
)

VARNISH = "127.0.0.1"


def request_from(peer=VARNISH, forwarded_for=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=peer, **headers)


@override_settings(NEWSDESK_TRUSTED_PROXY_COUNT=0)
def test_without_trusted_proxies_the_peer_is_the_reader_whatever_the_header_says():
    assert client_address(request_from("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


@override_settings(NEWSDESK_TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize(
    ("forwarded_for", "reader"),
    [
        ("198.51.100.7", "198.51.100.7"),
        # Whatever the client sent comes first, and is skipped.
        ("203.0.113.1, 198.51.100.7", "198.51.100.7"),
        ("10.0.0.1,203.0.113.1,   198.51.100.7", "198.51.100.7"),
        ("garbage, <script>, 198.51.100.7", "198.51.100.7"),
        (", , 198.51.100.7", "198.51.100.7"),
        # Too many hops: only the last one is read.
        (", ".join(f"203.0.113.{n % 250}" for n in range(5000)) + ", 198.51.100.7", "198.51.100.7"),
    ],
)
def test_behind_varnish_the_last_entry_is_the_reader(forwarded_for, reader):
    assert client_address(request_from(VARNISH, forwarded_for)) == reader


@override_settings(NEWSDESK_TRUSTED_PROXY_COUNT=2)
@pytest.mark.parametrize(
    ("forwarded_for", "reader"),
    [
        # nginx appended the reader, Varnish appended nginx.
        ("198.51.100.7, 127.0.0.1", "198.51.100.7"),
        ("203.0.113.1, 198.51.100.7, 127.0.0.1", "198.51.100.7"),
        ("198.51.100.7, 203.0.113.1, 198.51.100.7, 127.0.0.1", "198.51.100.7"),
    ],
)
def test_behind_nginx_and_varnish_the_second_entry_from_the_right_is_the_reader(
    forwarded_for, reader
):
    assert client_address(request_from(VARNISH, forwarded_for)) == reader


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("2001:db8::1", "2001:db8::1"),
        ("2001:DB8:0:0::1", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("198.51.100.7:5678", "198.51.100.7"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("fe80::1%eth0", "fe80::1"),
        ('"198.51.100.7"', "198.51.100.7"),
        (" 198.51.100.7 ", "198.51.100.7"),
    ],
)
def test_addresses_are_read_in_every_spelling_proxies_write(written, address):
    assert normalise(written) == address


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "unknown",
        "_hidden",
        "198.51.100",
        "198.51.100.300",
        "example.org",
        "[::1",
        "1:2:3",
        "x" * 10_000,
    ],
)
def test_garbage_is_not_an_address(garbage):
    assert normalise(garbage) is None


@override_settings(NEWSDESK_TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize("forwarded_for", ["unknown", "garbage", "[::1", "", "   "])
def test_an_unreadable_entry_from_our_proxy_falls_back_to_the_peer(forwarded_for):
    assert client_address(request_from(VARNISH, forwarded_for)) == VARNISH


@override_settings(NEWSDESK_TRUSTED_PROXY_COUNT=2)
def test_a_request_that_skipped_a_proxy_is_the_peers():
    # Only one entry where two proxies should have written: nobody vouches for it.
    assert client_address(request_from("192.0.2.50", "203.0.113.1")) == "192.0.2.50"
    assert client_address(request_from("192.0.2.50")) == "192.0.2.50"


@override_settings(NEWSDESK_TRUSTED_PROXY_COUNT=1)
def test_the_middleware_gives_every_reader_of_remote_addr_the_reader():
    seen = {}

    def view(request):
        seen["remote_addr"] = request.META["REMOTE_ADDR"]
        seen["again"] = client_address(request)
        return HttpResponse()

    middleware = ClientAddressMiddleware(view)
    middleware(request_from(VARNISH, "203.0.113.1, 2001:DB8::7"))
    assert seen == {"remote_addr": "2001:db8::7", "again": "2001:db8::7"}


@override_settings(NEWSDESK_TRUSTED_PROXY_COUNT=1)
def test_the_middleware_leaves_no_address_rather_than_garbage():
    seen = {}

    def view(request):
        seen["remote_addr"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    ClientAddressMiddleware(view)(request_from("not-an-address", "also garbage"))
    assert seen == {"remote_addr": ""}


def production_setting(name, **environ):
    """A setting as the production profile reads it, in a process of its own."""
    code = f"from django.conf import settings; print(settings.{name})"
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("NEWSDESK_")},
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
        "SECRET_KEY": "k" * 50,
        "DATABASE_URL": "sqlite://:memory:",
        **environ,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_the_production_profile_trusts_nginx_and_varnish_unless_told_otherwise():
    assert production_setting("NEWSDESK_TRUSTED_PROXY_COUNT") == "2"
    assert (
        production_setting("NEWSDESK_TRUSTED_PROXY_COUNT", NEWSDESK_TRUSTED_PROXY_COUNT="1") == "1"
    )
    assert "ClientAddressMiddleware" in production_setting("MIDDLEWARE")
