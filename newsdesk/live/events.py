"""What readers' pages receive: each event's data, and its Server-Sent Events framing.

An entry is rendered to HTML once, when it is posted or edited, with the template the page
itself uses and in the blog's language (not the editor's); every reader then receives the
same bytes, and a replay sends what was stored.
"""

import json

from django.template.loader import render_to_string
from django.utils import translation

from .brokers.base import Message

HEARTBEAT = b": keep-alive\n\n"


def topic(blog_id):
    return f"blog:{blog_id}"


def entry_data(kind, entry):
    with translation.override(entry.blog.locale.language_code):
        html = render_to_string("live/includes/entry.html", {"entry": entry})
        key_event_html = (
            render_to_string("live/includes/key_event.html", {"entry": entry})
            if entry.key_event
            else ""
        )
    return {
        "kind": kind,
        "entry": entry.pk,
        "posted_at": entry.posted_at.timestamp(),
        "pinned": entry.pinned,
        "key_event": entry.key_event,
        "html": html,
        "key_event_html": key_event_html,
    }


def deleted_data(entry_id):
    return {"kind": "deleted", "entry": entry_id}


def state_data(blog):
    return {"kind": "state", "state": blog.state}


def reload_data():
    """Sent to a reader too far behind to catch up event by event."""
    return {"kind": "reload"}


def frame(event_id, data):
    # json.dumps escapes line breaks, so the data is always one `data:` line.
    payload = json.dumps(data, separators=(",", ":"))
    id_line = f"id: {event_id}\n" if event_id is not None else ""
    return f"{id_line}data: {payload}\n\n".encode()


def retry_frame(milliseconds):
    return f"retry: {int(milliseconds)}\n\n".encode()


def message_for(event, previous_id):
    return Message(event.pk, previous_id, frame(event.pk, event.data))
