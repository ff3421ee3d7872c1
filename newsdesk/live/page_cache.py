"""Keeping the page cache (newsdesk.caching) true to live content: a live blog's page
changes with every update (it carries the blog's tag), and every page's header when a
channel is saved (the header and the channel pages carry CHANNELS_TAG). Readers with
JavaScript catch up over the events stream anyway; these purges are for a reload, and for
readers without it. A channel's pages go on and off air by the clock, with no save to
purge on: no cache keeps them past that moment (keep_until)."""

import math
from functools import partial

from django.db import transaction
from django.utils.cache import patch_cache_control

from newsdesk.caching.conf import cache_settings
from newsdesk.caching.metadata import tags_of
from newsdesk.caching.purge import is_purging, purge_tags

CHANNELS_TAG = "list-channels"


def purge_blog_on_commit(blog):
    if is_purging():
        transaction.on_commit(partial(purge_tags, tags_of(blog)), robust=True)


def channel_tags(obj):
    """The `newsdesk_purge_tags` hook: a channel's change is in every page's header."""
    from .models import LiveChannel

    return [CHANNELS_TAG] if isinstance(obj, LiveChannel) else []


def keep_until(response, moments, now):
    """No cache keeps the response past the first of `moments` (a channel going on or off
    air, the next programme): the page cache and Varnish take s-maxage as its lifetime,
    with no stale copy served past it; browsers always ask again, as for every page."""
    seconds = seconds_until(min((moment for moment in moments if moment), default=None), now)
    if seconds is not None:
        lifetime = min(seconds, cache_settings.TTL)
        patch_cache_control(response, public=True, max_age=0, s_maxage=lifetime)
    return response


def seconds_until(moment, now):
    if moment is None:
        return None
    # Not moment - now: between datetimes of one zone Python subtracts wall-clock times,
    # an hour out across a change of the clocks.
    return max(math.ceil(moment.timestamp() - now.timestamp()), 1)
