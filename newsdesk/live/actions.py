"""What happens to live blog entries: check_* validates, do_* acts (zulip's actions style).

Every do_* writes the entry and its LiveEvent in one transaction holding the blog's row
lock, so a blog's event ids follow commit order: a reader who has event N has everything
before it. The event reaches readers through the broker after the commit, and each action
is logged in Wagtail's audit log against the blog (its page History).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import events
from .brokers import get_broker
from .conf import live_settings
from .models import LiveBlogPage, LiveEntry, LiveEvent
from .page_cache import purge_blog_on_commit
from .tasks import reindex_live_blog

MEDIA_BLOCKS = {"photo", "embed"}


class EntryRefused(Exception):
    """An entry that cannot be posted or saved; the message is for the editor."""


@dataclass
class EntryContent:
    """What an editor wrote: the body is a StreamValue of the article body blocks."""

    title: str
    body: object
    author: object = None
    pinned: bool = False
    key_event: bool = False


def can_post_entries(user, blog):
    # Posting an entry publishes it to readers at once, so it takes the right to publish
    # the page as well as to edit it: contributors' work goes through review.
    permissions = blog.permissions_for_user(user)
    return permissions.can_edit() and permissions.can_publish()


def can_use_live_desk(user):
    """Whether the user may publish anywhere, so some live blog could take their updates."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


def check_can_post(user, blog):
    if not can_post_entries(user, blog):
        raise PermissionDenied


def check_blog_is_live(blog):
    if blog.state != LiveBlogPage.State.LIVE:
        raise EntryRefused(
            "This live blog has ended, so it takes no new updates. To post again, set its "
            "state back to Live and publish the page."
        )


def check_entry_content(content):
    blocks = list(content.body or [])
    if len(blocks) > live_settings.ENTRY_MAX_BLOCKS:
        raise EntryRefused(
            f"An update can have at most {live_settings.ENTRY_MAX_BLOCKS} blocks; this one "
            f"has {len(blocks)}. Split it into several updates."
        )
    words = " ".join(LiveEntry._meta.get_field("body").get_searchable_content(content.body))
    text = " ".join(f"{content.title} {words}".split())
    if len(text) > live_settings.ENTRY_MAX_CHARACTERS:
        raise EntryRefused(
            f"An update can be at most {live_settings.ENTRY_MAX_CHARACTERS:,} characters long; "
            f"this one has {len(text):,}. Split it into several updates."
        )
    has_media = any(block.block_type in MEDIA_BLOCKS for block in blocks)
    if not words.strip() and not has_media:
        raise EntryRefused("The update has no text: write something in its body.")


def do_post_entry(blog, content, user):
    check_entry_content(content)
    with transaction.atomic():
        blog = lock_blog(blog)
        check_blog_is_live(blog)
        entry = LiveEntry.objects.create(
            blog=blog,
            title=content.title,
            body=content.body,
            author=content.author,
            pinned=content.pinned,
            key_event=content.key_event,
            posted_by=user,
        )
        record_event(blog, LiveEvent.Kind.POSTED, entry.pk, events.entry_data("posted", entry))
        log(blog, "live.post_entry", user=user, data=log_data(entry))
        after_commit(blog)
    return entry


def do_edit_entry(entry, content, user):
    """Edits reach readers too; an ended blog's entries can still be corrected."""
    check_entry_content(content)
    with transaction.atomic():
        blog = lock_blog(entry.blog)
        entry.title = content.title
        entry.body = content.body
        entry.author = content.author
        entry.pinned = content.pinned
        entry.key_event = content.key_event
        entry.edited_at = timezone.now()
        entry.save()
        record_event(blog, LiveEvent.Kind.EDITED, entry.pk, events.entry_data("edited", entry))
        log(blog, "live.edit_entry", user=user, data=log_data(entry))
        after_commit(blog)
    return entry


def do_delete_entry(entry, user):
    with transaction.atomic():
        blog = lock_blog(entry.blog)
        entry_id, data = entry.pk, log_data(entry)
        entry.delete()
        record_event(blog, LiveEvent.Kind.DELETED, entry_id, events.deleted_data(entry_id))
        log(blog, "live.delete_entry", user=user, data=data)
        after_commit(blog)


def do_announce_state(blog):
    """Tell open pages that the blog ended (or went live again), once per change."""
    with transaction.atomic():
        blog = lock_blog(blog)
        last = blog.events.filter(kind=LiveEvent.Kind.STATE).order_by("-id").first()
        announced = last.data["state"] if last else LiveBlogPage.State.LIVE
        if announced == blog.state:
            return None
        return record_event(blog, LiveEvent.Kind.STATE, None, events.state_data(blog))


def lock_blog(blog):
    """The blog, re-read under a row lock that serialises its events (a no-op on SQLite,
    whose writers are serialised anyway)."""
    return LiveBlogPage.objects.select_for_update(of=("self",)).get(pk=blog.pk)


def record_event(blog, kind, entry_id, data):
    previous_id = blog.events.aggregate(last=Max("id"))["last"] or 0
    event = LiveEvent.objects.create(blog=blog, kind=kind, entry_id=entry_id, data=data)
    message = events.message_for(event, previous_id)
    # robust: the entry is saved whatever the broker does; a reader who misses the message
    # catches up from the database at the next event or reconnection.
    transaction.on_commit(lambda: get_broker().publish(events.topic(blog.pk), message), robust=True)
    return event


def after_commit(blog):
    """The slower consequences of a change: the search index, and the cached page."""
    transaction.on_commit(lambda: reindex_live_blog.enqueue(blog.pk), robust=True)
    purge_blog_on_commit(blog)


def log_data(entry):
    return {"entry": entry.pk, "title": entry.headline, "key_event": entry.key_event}
