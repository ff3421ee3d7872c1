"""What happens to comments: check_* validates, do_* acts (zulip's actions style).

Readers post through check_post_comment; moderators act through the do_* functions,
each logged in Wagtail's audit log (who, what, when) so it shows in Reports > Site
history. Emails go out from tasks, after the database commits.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import log

from newsdesk.core.client_address import normalise as normalise_address

from . import spam
from .conf import comment_settings
from .form_tokens import (
    check_form_token,
    claim_form_token,
    forget_expired_tokens,
    spend_form_token,
)
from .models import Ban, Comment
from .moderation import PRE
from .spam import CommentRefused
from .text import fingerprint


@dataclass
class Submission:
    """A reader's comment as their form sent it, already normalised (forms.py)."""

    page: object
    body: str
    author_name: str
    author_email: str
    user: object = None
    parent: Comment | None = None
    notify_on_reply: bool = False
    ip_address: str | None = None
    user_agent: str = ""
    honeypot: str = ""
    form_token: str = ""


# --- readers ------------------------------------------------------------------------------


def check_can_comment(rules, user):
    if not rules.is_open:
        raise CommentRefused(gettext("Comments are closed on this article."), status=403)
    if rules.require_sign_in and not (user and user.is_authenticated):
        raise CommentRefused(gettext("Please sign in to comment."), status=403)


def check_parent(submission):
    """Replies thread under their parent; past the deepest level they join its siblings."""
    parent = submission.parent
    if parent is None:
        return None
    if parent.page_id != submission.page.pk or parent.state != Comment.State.APPROVED:
        raise CommentRefused(gettext("The comment you replied to is no longer available."))
    while parent.depth >= comment_settings.MAX_DEPTH and parent.parent_id:
        parent = parent.parent
    return parent


def check_post_comment(submission, rules):
    """Every check a reader's comment passes, then the comment: new, or their earlier copy.

    One transaction holding the form's claimed token: posts sent with the same form wait
    their turn, and all get the comment the first one made."""
    spam.check_honeypot(submission.honeypot)
    served = check_form_token(submission.form_token, submission.page)
    text_hash = fingerprint(submission.body)
    with transaction.atomic():
        token = claim_form_token(served, submission.page, text_hash)
        if token.comment is not None:
            return token.comment
        comment = check_new_comment(submission, rules, text_hash)
        spend_form_token(token, comment)
        forget_expired_tokens()
    return comment


def check_new_comment(submission, rules, text_hash):
    check_can_comment(rules, submission.user)
    spam.check_not_banned(submission.author_email, submission.ip_address)
    parent = check_parent(submission)
    spam.check_rate_limits(submission.author_email, submission.ip_address)
    spam.check_links(submission.body)

    duplicates = list(
        spam.earlier_duplicates(text_hash, submission.author_email, submission.ip_address)
    )
    # Sent twice from two forms (a resent page, two tabs): the first one stands.
    for earlier in duplicates:
        if earlier.page_id == submission.page.pk:
            return earlier
    screening = spam.screen(
        submission.body,
        name=submission.author_name,
        email=submission.author_email,
        posted_elsewhere=bool(duplicates),
    )
    held_for = list(screening.held_for)
    if rules.moderation == PRE:
        held_for.insert(0, "Pre-moderated section")
    return do_post_comment(
        submission,
        parent=parent,
        state=Comment.State.PENDING if held_for else Comment.State.APPROVED,
        held_for=held_for,
        spam_score=screening.spam_score,
        text_hash=text_hash,
    )


def do_post_comment(submission, *, parent, state, held_for, spam_score, text_hash):
    comment = Comment.objects.create(
        page=submission.page,
        parent=parent,
        thread_id=(parent.thread_id or parent.pk) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        user=submission.user if submission.user and submission.user.is_authenticated else None,
        author_name=submission.author_name,
        author_email=submission.author_email,
        body=submission.body,
        state=state,
        notify_on_reply=submission.notify_on_reply,
        held_for=held_for,
        spam_score=spam_score,
        fingerprint=text_hash,
        ip_address=submission.ip_address,
        user_agent=submission.user_agent[:300],
    )
    notify_parent_author_on_commit(comment)
    return comment


def notify_parent_author_on_commit(comment):
    if comment.parent_id and comment.state == Comment.State.APPROVED:
        from .tasks import send_reply_notification

        transaction.on_commit(lambda: send_reply_notification.enqueue(comment.pk))


# --- moderators ---------------------------------------------------------------------------

MODERATION_STATES = {
    "approve": Comment.State.APPROVED,
    "reject": Comment.State.REJECTED,
    "spam": Comment.State.SPAM,
}


def do_moderate_comment(comment, decision, moderator):
    """Approve, reject or mark spam. Approving and marking spam teach the classifier."""
    new_state = MODERATION_STATES[decision]
    previous = comment.state
    with transaction.atomic():
        comment.state = new_state
        comment.save(update_fields=["state"])
        if decision == "spam":
            spam.learn(comment, as_spam=True)
        elif decision == "approve":
            spam.learn(comment, as_spam=False)
        log(comment, f"comments.{decision}", user=moderator, data=_log_data(comment, previous))
        if new_state == Comment.State.APPROVED and previous != new_state:
            notify_parent_author_on_commit(comment)
    return comment


def do_bulk_moderate(comments, decision, moderator):
    for comment in comments:
        do_moderate_comment(comment, decision, moderator)
    return len(comments)


def do_edit_comment(comment, body, moderator):
    before = comment.body
    with transaction.atomic():
        comment.body = body
        comment.fingerprint = fingerprint(body)
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "fingerprint", "edited_at"])
        log(
            comment,
            "comments.edit",
            user=moderator,
            data={**_log_data(comment, comment.state), "before": before, "after": body},
        )
    return comment


def do_reply_as_newsroom(parent, body, moderator):
    """A reply from the newsroom, marked as such to readers, published at once."""
    with transaction.atomic():
        reply = Comment.objects.create(
            page=parent.page,
            parent=parent,
            thread_id=parent.thread_id or parent.pk,
            depth=min(parent.depth + 1, comment_settings.MAX_DEPTH),
            user=moderator,
            author_name=comment_settings.NEWSROOM_NAME,
            body=body,
            state=Comment.State.APPROVED,
            is_newsroom_reply=True,
            fingerprint=fingerprint(body),
        )
        log(reply, "comments.newsroom_reply", user=moderator, data=_log_data(reply, None))
        notify_parent_author_on_commit(reply)
    return reply


def check_ban(kind, value):
    value = (value or "").strip()
    if not value:
        raise CommentRefused("This comment has no address of that kind to ban.")
    if kind == Ban.Kind.EMAIL:
        return value.casefold()
    address = normalise_address(value)
    if address is None:
        raise CommentRefused(f"{value[:60]} is not a network address.")
    return address


def do_ban(kind, value, moderator, reason=""):
    value = check_ban(kind, value)
    with transaction.atomic():
        ban, created = Ban.objects.get_or_create(
            kind=kind, value=value, defaults={"created_by": moderator, "reason": reason}
        )
        if created:
            log(ban, "comments.ban", user=moderator, data={"kind": kind, "value": value})
    return ban


def _log_data(comment, previous_state):
    return {
        "comment": comment.pk,
        "article": comment.page_id,
        "author": comment.author_name,
        "from_state": previous_state,
        "to_state": comment.state,
    }
