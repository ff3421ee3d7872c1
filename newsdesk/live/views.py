"""Readers' side: the live channel pages, the pop-out player, locally made streams, and the
Server-Sent Events stream of a live blog.

The events stream is an async view: under an ASGI server each reader holds one cheap
coroutine, woken by the broker. A reader sends the last event it has (Last-Event-ID, or
?last_event_id= from the page), gets what it missed from the database, then live events.
Behind Pushpin (GRIP_URL set) the view answers at once and Pushpin holds the stream
(grip.py); the process holds nothing.
"""

from functools import wraps
from pathlib import PurePosixPath
from typing import NamedTuple

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.db.models import Max
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail.models import Locale

from newsdesk.core.ids import parse_id
from newsdesk.core.visibility import visible_to_readers

from . import events, grip, schedule
from .brokers import get_broker
from .conf import live_settings
from .models import LiveBlogPage, LiveChannel, LiveEvent
from .page_cache import keep_until, seconds_until
from .templatetags.live_tags import starts_label, times_label

STREAM_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".aac": "audio/aac",
    ".m4s": "video/iso.segment",
    ".mp4": "video/mp4",
    ".vtt": "text/vtt",
}
# Finite responses (an ended blog, or a WSGI server that cannot hold a stream open) ask
# the browser to come back this soon.
POLL_RETRY_MILLISECONDS = 2000
# Open players ask this often whether the channel is on air; no cache keeps the answer
# past the next programme boundary either.
STATUS_MAX_AGE = 30


# --- channels ---------------------------------------------------------------------------


class ChannelAt(NamedTuple):
    """A channel, and whether it is on air at the moment of the request."""

    channel: LiveChannel
    air: schedule.AirState


def index(request):
    now = timezone.now()
    channels = [
        ChannelAt(channel, channel.air_state(now))
        for channel in LiveChannel.objects.of_edition().prefetch_related("programmes")
    ]
    response = render(
        request,
        "live/index.html",
        {"channels": channels, "live_blogs": running_live_blogs(), "moment": now},
    )
    return keep_until(response, [listed.air.changes_at for listed in channels], now)


def channel(request, slug):
    channel = get_object_or_404(
        LiveChannel.objects.of_edition().select_related("poster").prefetch_related("programmes"),
        slug=slug,
    )
    now = timezone.now()
    air = channel.air_state(now)
    others = [
        ChannelAt(other, other.air_state(now))
        for other in LiveChannel.objects.for_readers()
        .of_edition()
        .exclude(pk=channel.pk)
        .prefetch_related("programmes")
    ]
    response = render(
        request,
        "live/channel_page.html",
        {
            "channel": channel,
            "air": air,
            "moment": now,
            "other_channels": [other.channel for other in others if other.air.on_air],
            "live_blogs": running_live_blogs()[:4],
        },
    )
    return keep_until(response, [air.changes_at, *(other.air.changes_at for other in others)], now)


def listen(request, slug):
    """The pop-out Audio Only player: a small window that keeps playing while the reader
    browses the site in the main one."""
    channel = edition_channel(slug)
    now = timezone.now()
    air = channel.air_state(now)
    context = {
        "channel": channel,
        "air": air,
        "moment": now,
        # The pop-out plays the channel's own stream: search engines list the channel page.
        "canonical_url": request.build_absolute_uri(channel.get_absolute_url()),
    }
    response = render(request, "live/listen.html", context)
    return keep_until(response, [air.changes_at], now)


def channel_status(request, slug):
    """On air or not, and now/next, for open players to refresh without a reload."""
    channel = edition_channel(slug)
    now = timezone.now()
    air = channel.air_state(now)
    response = JsonResponse(
        {
            "on_air": air.on_air,
            "now": showing_json(air.now, air.now and times_label(air.now)),
            "next": showing_json(air.next, air.next and starts_label(air.next, now)),
            "changes_at": air.changes_at and air.changes_at.isoformat(),
        }
    )
    seconds = seconds_until(air.changes_at, now)
    max_age = STATUS_MAX_AGE if seconds is None else min(STATUS_MAX_AGE, seconds)
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def edition_channel(slug):
    """A channel of the edition being read: another edition's is not at this address."""
    return get_object_or_404(
        LiveChannel.objects.of_edition().prefetch_related("programmes"), slug=slug
    )


def showing_json(showing, label):
    if showing is None:
        return None
    return {
        "title": showing.slot.title,
        "description": showing.slot.description,
        "starts_at": showing.starts_at.isoformat(),
        "ends_at": showing.ends_at.isoformat(),
        "label": label,
    }


def running_live_blogs():
    """The edition's live blogs that are taking updates."""
    return list(
        visible_to_readers(LiveBlogPage.objects.all())
        .filter(state=LiveBlogPage.State.LIVE, locale=Locale.get_active())
        .order_by("-last_published_at")[:10]
    )


def stream_file(request, path):
    """Playlists and segments of streams made on this server (make_test_stream).

    Playlists change every few seconds, so no cache may keep them; segments never change.
    Both are small (a segment is two seconds), so they are read whole rather than streamed.
    """
    suffix = PurePosixPath(path).suffix.lower()
    if suffix not in STREAM_TYPES:
        raise Http404("Not a stream file")
    root = live_settings.streams_root.resolve()
    file = (root / path).resolve()
    if not file.is_relative_to(root) or not file.is_file():
        raise Http404("No such stream file")
    try:
        content = file.read_bytes()
    except OSError:  # ffmpeg removed the segment as it was asked for
        raise Http404("No such stream file") from None
    response = HttpResponse(content, content_type=STREAM_TYPES[suffix])
    response["Cache-Control"] = "no-cache" if suffix == ".m3u8" else "public, max-age=3600"
    return response


# --- live blog events -------------------------------------------------------------------


def without_holding_connections(function):
    """Database work for a stream that stays open for hours: the connection is closed
    straight after, or every connected reader would hold one (PostgreSQL allows a hundred)."""

    @wraps(function)
    def run(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()

    return sync_to_async(run, thread_sensitive=False)


@grip.grip_middleware
async def blog_events(request, blog_id):
    if grip.is_proxied(request):
        # One trip to a thread for all of it: each reader's request is a short one here.
        return await without_holding_connections(held_by_proxy)(request, blog_id)
    blog = await without_holding_connections(find_public_blog)(blog_id)
    if blog is None:
        raise Http404("No live blog here")
    cursor = EventCursor(blog.pk, last_event_id(request))
    # Behind Pushpin the app holds no stream: a request that went round it polls.
    streams_here = isinstance(request, ASGIRequest) and not live_settings.grip_url
    if blog.is_live and streams_here:
        response = StreamingHttpResponse(stream_events(cursor), content_type="text/event-stream")
        return no_buffering(response)
    missed = await without_holding_connections(cursor.catch_up)()
    return finite_answer(blog, missed)


def held_by_proxy(request, blog_id):
    """What the reader missed, and Pushpin told to hold the stream open after it. Pushpin
    asking the next link sends the last id it delivered instead of the reader's."""
    blog = find_public_blog(blog_id)
    if blog is None:
        raise Http404("No live blog here")
    topic = events.topic(blog.pk)
    delivered = grip.last_delivered_id(request, topic)
    start = parse_id(delivered, minimum=0) if delivered else None
    cursor = EventCursor(blog.pk, last_event_id(request) if start is None else start)
    missed = cursor.catch_up()
    if cursor.gave_up or not blog.is_live:
        return finite_answer(blog, missed)
    retry = b"" if delivered else events.retry_frame(live_settings.RETRY_MILLISECONDS)
    response = HttpResponse(retry + missed, content_type="text/event-stream")
    grip.hold_stream(request, topic, cursor.last_id)
    return no_buffering(response)


def finite_answer(blog, missed):
    """An ended blog, or no stream held here: what was missed, and when to ask again."""
    if not missed and not blog.is_live:
        # 204 tells the browser to stop reconnecting: the blog is over and it has it all.
        return HttpResponse(status=204)
    retry = events.retry_frame(POLL_RETRY_MILLISECONDS)
    return no_buffering(HttpResponse(retry + missed, content_type="text/event-stream"))


def no_buffering(response):
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx would otherwise hold events back
    return response


def find_public_blog(blog_id):
    return (
        visible_to_readers(LiveBlogPage.objects.all())
        .filter(pk=blog_id)
        .only("pk", "state")
        .first()
    )


def last_event_id(request):
    """The browser's Last-Event-ID on a reconnection, else the one the page was rendered with."""
    value = request.headers.get("Last-Event-ID") or request.GET.get("last_event_id")
    return parse_id(value, minimum=0) or 0


async def stream_events(cursor):
    heartbeat = live_settings.HEARTBEAT_SECONDS
    async with get_broker().subscribe(events.topic(cursor.blog_id)) as subscription:
        # The first bytes go out once subscribed, so a reader that has them misses nothing.
        missed = await without_holding_connections(cursor.catch_up)()
        yield events.retry_frame(live_settings.RETRY_MILLISECONDS) + missed
        while not cursor.gave_up:
            if not await subscription.wait(heartbeat):
                yield events.HEARTBEAT
                continue
            if subscription.overflowed:
                return  # the browser reconnects with Last-Event-ID and catches up
            chunk = []
            if subscription.needs_replay:
                subscription.needs_replay = False
                chunk.append(await without_holding_connections(cursor.catch_up)())
            for message in subscription.take():
                if message.id <= cursor.last_id:
                    continue  # already sent
                if message.previous_id > cursor.last_id:
                    # An event before this one never arrived: the database has both.
                    chunk.append(await without_holding_connections(cursor.catch_up)())
                    continue
                chunk.append(message.frame)
                cursor.last_id = message.id
            if chunk:
                yield b"".join(chunk)


class EventCursor:
    """How far one reader has got through a blog's events."""

    def __init__(self, blog_id, last_id):
        self.blog_id = blog_id
        self.last_id = last_id
        self.checked_start = False
        self.gave_up = False

    def catch_up(self):
        """The frames of the events after last_id, from the database."""
        limit = live_settings.REPLAY_LIMIT
        missed = list(
            LiveEvent.objects.filter(blog_id=self.blog_id, id__gt=self.last_id)
            .order_by("id")
            .values_list("id", "data")[: limit + 1]
        )
        if not self.checked_start:
            self.checked_start = True
            if not missed:
                self.forget_unknown_id()
        if len(missed) > limit:
            # Too far behind to replay one by one: the page itself has the latest.
            self.gave_up = True
            return events.frame(None, events.reload_data())
        if missed:
            self.last_id = missed[-1][0]
        return b"".join(events.frame(event_id, data) for event_id, data in missed)

    def forget_unknown_id(self):
        """A Last-Event-ID beyond the blog's last event (made up, or from another blog)
        would hide the next events: start from the real last one instead."""
        latest = LiveEvent.objects.filter(blog_id=self.blog_id).aggregate(last=Max("id"))["last"]
        self.last_id = min(self.last_id, latest or 0)
