"""Live channels' and live blogs' defaults, each overridable in settings as NEWSDESK_LIVE_<NAME>.

Read them through `live_settings.NAME`, which looks at Django's settings on every access,
so `override_settings` in tests and per-environment settings both work.
"""

from pathlib import Path

from django.conf import settings

from newsdesk.core.conf import AppSettings

DEFAULTS = {
    # The fan-out broker, as a dotted path to a brokers.base.Broker subclass. None picks
    # the GRIP broker when GRIP_URL is set (Pushpin holds the readers), else the Redis
    # broker when REDIS_URL is set (every server process then delivers every entry), else
    # the in-process broker (right for a single server process).
    "BROKER": None,
    # Defaults to the REDIS_URL setting.
    "REDIS_URL": None,
    # Prefix of the Redis pub/sub channels, so several sites can share one Redis.
    "REDIS_CHANNEL_PREFIX": "newsdesk:live:",
    # A comment line this often keeps proxies and load balancers from closing a quiet stream.
    "HEARTBEAT_SECONDS": 15,
    # Behind Pushpin: a held stream quiet this long has Pushpin ask the app for anything
    # missed (a lost publish). Each ask is one request per reader.
    "GRIP_RECOVER_SECONDS": 300,
    # How long a reader's browser waits before reconnecting a dropped stream.
    "RETRY_MILLISECONDS": 3000,
    # Messages waiting for one slow reader. Past this the stream is closed, and the
    # browser reconnects with Last-Event-ID and catches up from the database.
    "SUBSCRIBER_BACKLOG": 200,
    # A reader further behind than this many events is told to reload the page instead.
    "REPLAY_LIMIT": 300,
    # Updates on the first page of a live blog; older ones are on ?page=2 and after.
    "ENTRIES_PER_PAGE": 40,
    # Bad input: an update longer than this (characters of text) or with more blocks than
    # this is refused, never cut.
    "ENTRY_MAX_CHARACTERS": 12_000,
    "ENTRY_MAX_BLOCKS": 30,
    # The files of locally generated streams (make_test_stream), served under
    # /live/streams/. Defaults to MEDIA_ROOT/live.
    "STREAMS_ROOT": None,
    # The demo channel's slug; make_test_stream puts it on air while it runs.
    "DEMO_CHANNEL": "demo",
}

PREFIX = "NEWSDESK_LIVE_"


class LiveSettings(AppSettings):
    @property
    def redis_url(self):
        return self.REDIS_URL or getattr(settings, "REDIS_URL", None)

    @property
    def grip_url(self):
        """Pushpin's publish endpoint (the GRIP_URL setting, django-grip's name), or None."""
        return getattr(settings, "GRIP_URL", None) or None

    @property
    def streams_root(self):
        return Path(self.STREAMS_ROOT or Path(settings.MEDIA_ROOT) / "live")


live_settings = LiveSettings(PREFIX, DEFAULTS)
