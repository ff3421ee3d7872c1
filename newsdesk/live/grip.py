"""The live blog's events stream behind a GRIP proxy (Pushpin), through django-grip.

Pushpin sends a reader's request on to the app, signed (Grip-Sig). The app answers at once
with what the reader missed, from the database, and GRIP instructions in the headers: hold
the stream open on the blog's channel, the id of the last event sent (prev-id), a keep-alive
comment, and a next link Pushpin asks when it sees a gap in the published ids or the stream
has been quiet too long. Pushpin's asks carry the last id it delivered (Grip-Last), so the
answer is exactly what came after. No Python process holds a reader.
"""

from django.conf import settings
from django.utils.decorators import decorator_from_middleware
from django_grip import GripMiddleware, set_hold_stream
from gripcontrol import Channel

from . import events
from .conf import live_settings

# django-grip's middleware on the events view alone: it reads Grip-Sig and Grip-Last into
# request.grip and writes the instructions the view leaves there into the response headers.
grip_middleware = decorator_from_middleware(GripMiddleware)


def is_proxied(request):
    """Whether the request came through a GRIP proxy we publish to (signed with its key)."""
    grip = getattr(request, "grip", None)
    return bool(live_settings.grip_url and grip is not None and grip.proxied)


def last_delivered_id(request, topic):
    """The last event id Pushpin delivered on the blog's channel, when Pushpin asks the
    next link (Grip-Last); None on a reader's own request."""
    channel = getattr(settings, "GRIP_PREFIX", "") + topic
    value = request.grip.last.get(channel)
    return value or None


def hold_stream(request, topic, last_id):
    """Tell Pushpin to keep the response open on the blog's channel after its body."""
    set_hold_stream(
        request,
        Channel(topic, prev_id=str(last_id)),
        keep_alive_data=events.HEARTBEAT,
        keep_alive_timeout=live_settings.HEARTBEAT_SECONDS,
    )
    request.grip.instruct.set_next_link(request.path, timeout=live_settings.GRIP_RECOVER_SECONDS)
