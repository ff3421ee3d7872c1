"""Django checks for the live blogs' streaming set-up: a GRIP proxy named by GRIP_URL must
be reachable by URL and verifiable by key, and the broker must publish to it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from gripcontrol import parse_grip_uri

from .brokers import GRIP, broker_path
from .conf import live_settings


def check_grip_settings(**kwargs):
    url = live_settings.grip_url
    broker = broker_path()
    if not url:
        if broker == GRIP:
            return [
                checks.Error(
                    "NEWSDESK_LIVE_BROKER is the GRIP broker but GRIP_URL is not set",
                    hint="Set GRIP_URL to Pushpin's publish endpoint, or unset the broker.",
                    id="live.E003",
                )
            ]
        return []
    problems = []
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        problems.append(
            checks.Error(
                f"GRIP_URL must be Pushpin's publish endpoint, an http(s) URL: {parts.scheme}://…",
                hint="For example http://127.0.0.1:5561/?key=<Pushpin's sig_key>",
                id="live.E001",
            )
        )
    elif "key" not in parse_grip_uri(url) and not getattr(settings, "GRIP_VERIFY_KEY", None):
        problems.append(
            checks.Warning(
                "GRIP_URL has no key: any request with a Grip-Sig header is taken as "
                "coming through Pushpin",
                hint="Add ?key= with the sig_key of Pushpin's [proxy] section.",
                id="live.W001",
            )
        )
    if broker != GRIP:
        problems.append(
            checks.Error(
                f"GRIP_URL is set but NEWSDESK_LIVE_BROKER is {broker}: readers held by "
                "Pushpin would never receive an entry",
                hint="Unset NEWSDESK_LIVE_BROKER: with GRIP_URL it publishes to Pushpin.",
                id="live.E002",
            )
        )
    return problems


def register():
    checks.register(check_grip_settings)
