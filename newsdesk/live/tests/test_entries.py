"""Posting, editing and deleting entries (actions.py): each writes the event readers'
streams replay, is logged in the blog's history, and refuses what it must."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from wagtail.models import PageLogEntry

from newsdesk.live.actions import (
    EntryContent,
    EntryRefused,
    check_can_post,
    do_delete_entry,
    do_post_entry,
)
from newsdesk.live.models import LiveBlogPage, LiveEntry, LiveEvent

from .factories import LiveEntryFactory, edit_entry, paragraph, post_entry

pytestmark = pytest.mark.django_db


def test_posting_stores_the_entry_and_its_event(blog, admin_user):
    entry = post_entry(blog, "<p>Waves over the wall.</p>", admin_user, title="Wall", pinned=True)

    assert entry.posted_by == admin_user and entry.pinned and entry.title == "Wall"
    event = LiveEvent.objects.get()
    assert (event.kind, event.entry_id, event.blog_id) == ("posted", entry.pk, blog.pk)
    assert event.data["pinned"] is True
    assert "Waves over the wall." in event.data["html"]


def test_each_change_is_one_more_event_in_order(blog):
    entry = post_entry(blog, "<p>One.</p>")
    edit_entry(entry, "<p>One, corrected.</p>")
    entry_id = entry.pk
    do_delete_entry(entry, None)

    events = list(LiveEvent.objects.order_by("id").values_list("kind", "entry_id"))
    assert events == [("posted", entry_id), ("edited", entry_id), ("deleted", entry_id)]
    assert not LiveEntry.objects.exists()  # the event is the tombstone


def test_an_edit_marks_the_entry_updated(blog):
    entry = post_entry(blog, "<p>Two roads closed.</p>")
    edited = edit_entry(entry, "<p>Three roads closed.</p>", key_event=True)
    assert edited.edited_at is not None and edited.key_event
    assert "Three roads closed." in LiveEvent.objects.latest("id").data["html"]
    assert "Updated" in LiveEvent.objects.latest("id").data["html"]


def test_every_action_is_in_the_blogs_history(blog, admin_user):
    entry = post_entry(blog, "<p>Logged.</p>", admin_user, title="A logged update")
    edit_entry(entry, "<p>Logged again.</p>", admin_user, title="A logged update")
    do_delete_entry(entry, admin_user)

    logged = PageLogEntry.objects.filter(page=blog, action__startswith="live.").order_by("id")
    assert [log.action for log in logged] == [
        "live.post_entry",
        "live.edit_entry",
        "live.delete_entry",
    ]
    assert all(log.user == admin_user for log in logged)
    assert logged[0].data["title"] == "A logged update"
    assert logged[0].message == "Posted a live update"


def test_an_ended_blog_takes_no_new_entry(blog):
    blog.state = LiveBlogPage.State.ENDED
    blog.save_revision().publish()
    with pytest.raises(EntryRefused, match="ended"):
        post_entry(blog, "<p>Too late.</p>")
    assert not LiveEntry.objects.exists()


def test_an_ended_blog_can_still_be_corrected(blog):
    entry = post_entry(blog, "<p>Typo here.</p>")
    blog.state = LiveBlogPage.State.ENDED
    blog.save_revision().publish()
    edit_entry(entry, "<p>No typo here.</p>")
    assert LiveEvent.objects.latest("id").kind == "edited"


def test_the_state_is_checked_under_the_lock_not_from_a_stale_copy(blog):
    stale = LiveBlogPage.objects.get(pk=blog.pk)
    LiveBlogPage.objects.filter(pk=blog.pk).update(state=LiveBlogPage.State.ENDED)
    with pytest.raises(EntryRefused):
        post_entry(stale, "<p>Posted from a page open since before it ended.</p>")


@pytest.mark.parametrize("text", ["", "<p></p>", "<p>   </p>", "<p><br/></p>"])
def test_an_empty_entry_is_refused(blog, text):
    with pytest.raises(EntryRefused, match="no text"):
        post_entry(blog, text)


def test_a_title_alone_is_not_an_entry(blog):
    with pytest.raises(EntryRefused, match="no text"):
        post_entry(blog, "", title="Only a title")


@override_settings(NEWSDESK_LIVE_ENTRY_MAX_CHARACTERS=1000)
def test_a_huge_entry_is_refused_not_cut(blog):
    with pytest.raises(EntryRefused, match="at most 1,000 characters"):
        post_entry(blog, f"<p>{'word ' * 400}</p>")
    post_entry(blog, f"<p>{'word ' * 150}</p>")  # just under the limit


def test_an_entry_with_too_many_blocks_is_refused(blog):
    body = LiveEntry._meta.get_field("body").to_python(
        [{"type": "paragraph", "value": f"<p>{number}</p>"} for number in range(31)]
    )
    with pytest.raises(EntryRefused, match="at most 30 blocks"):
        do_post_entry(blog, EntryContent(title="", body=body), None)


def test_a_photo_alone_is_an_entry(blog):
    from newsdesk.multimedia.tests.factories import PhotoFactory

    photo = PhotoFactory()
    body = LiveEntry._meta.get_field("body").to_python(
        [
            {
                "type": "photo",
                "value": {"image": photo.pk, "caption": "", "credit": "", "size": "inline"},
            }
        ]
    )
    entry = do_post_entry(blog, EntryContent(title="", body=body), None)
    assert entry.body[0].block_type == "photo"


def test_editors_may_post_and_contributors_may_not(blog, editor, contributor):
    check_can_post(editor, blog)
    with pytest.raises(PermissionDenied):
        check_can_post(contributor, blog)


def test_publishing_the_end_is_announced_once(blog):
    blog.state = LiveBlogPage.State.ENDED
    blog.save_revision().publish()
    blog.save_revision().publish()  # a later publish of the ended blog changes nothing
    blog.state = LiveBlogPage.State.LIVE
    blog.save_revision().publish()

    states = [
        event.data["state"] for event in LiveEvent.objects.filter(kind="state").order_by("id")
    ]
    assert states == ["ended", "live"]


def test_the_headline_of_an_untitled_entry_is_its_first_words(blog):
    entry = LiveEntryFactory(
        blog=blog,
        title="",
        body=paragraph(f"<p>{'The storm surge reached the harbour wall at noon ' * 3}</p>"),
    )
    assert entry.headline == (
        "The storm surge reached the harbour wall at noon The storm surge reached the…"
    )
    assert entry.get_absolute_url() == f"{blog.url}#update-{entry.pk}"
