"""The comment form's token: issued with the form, spent by the post that uses it.

It proves a form was served (not forged), not too fast (a robot) and not too long ago
(a stockpile of forms), and it makes posting idempotent: concurrent or repeated posts
with one token make one comment, and each is answered with it. The row is locked while
its post is checked and stored, so a second post waits for the first and then sees it.
"""

import re
import secrets
from datetime import timedelta

from django.utils import timezone

from .conf import comment_settings
from .models import FormToken
from .spam import CommentRefused

# What secrets.token_urlsafe(32) makes; anything else is never looked up (a NUL byte
# alone would fail the query on PostgreSQL).
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


def is_well_formed(key):
    return isinstance(key, str) and TOKEN_SHAPE.fullmatch(key) is not None


def issue_form_token(page):
    return FormToken.objects.create(key=secrets.token_urlsafe(32), page=page).key


def is_usable(key, page):
    """Whether a reader sent back with their form may post it again with this token."""
    if not is_well_formed(key):
        return False
    oldest = timezone.now() - timedelta(seconds=comment_settings.FORM_MAX_AGE_SECONDS)
    return FormToken.objects.filter(
        key=key, page=page, used_at__isnull=True, issued_at__gte=oldest
    ).exists()


def claim_form_token(key, page, text_hash):
    """The token, locked until the transaction ends; its comment if it was already used
    for this text. Call inside transaction.atomic()."""
    # No select_related: a post that waited for the lock must read the comment in a
    # query of its own, which sees what the first post committed.
    token = None
    if is_well_formed(key):
        token = FormToken.objects.select_for_update().filter(key=key, page=page).first()
    if token is None:
        raise CommentRefused("This form could not be checked. Please send your comment again.")
    if token.used_at is not None:
        if token.comment is not None and token.comment.fingerprint == text_hash:
            return token
        raise CommentRefused(
            "This form has already been sent. Your text is still here: please send it again."
        )
    age = (timezone.now() - token.issued_at).total_seconds()
    if age < comment_settings.MIN_SUBMIT_SECONDS:
        raise CommentRefused(
            "That was quicker than we allow. Please check your comment and send it again."
        )
    if age > comment_settings.FORM_MAX_AGE_SECONDS:
        raise CommentRefused(
            "This form has expired. Your comment is still here: please send it again."
        )
    return token


def spend_form_token(token, comment):
    token.used_at = timezone.now()
    token.comment = comment
    token.save(update_fields=["used_at", "comment"])


def forget_expired_tokens():
    oldest = timezone.now() - timedelta(seconds=comment_settings.FORM_MAX_AGE_SECONDS)
    FormToken.objects.filter(issued_at__lt=oldest).delete()
