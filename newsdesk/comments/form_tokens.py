"""The comment form's token: signed into the form, claimed by the post that uses it.

Serving a form writes nothing: the token is a random nonce, the article and the time it
was served, signed with the site's secret. It proves a form was served (not forged), not
too fast (a robot) and not too long ago (a stockpile of forms). Its post claims it by
inserting the nonce into FormToken, whose key is unique: concurrent or repeated posts
with one token make one comment, and each is answered with it. A second insert waits
for the first post's transaction and then fails, so it reads the comment that post made.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from .conf import comment_settings
from .models import FormToken
from .spam import CommentRefused

SALT = "newsdesk.comments.form_token"
# nonce:article:issued-in-milliseconds:signature, in the alphabet Signer uses. Anything
# else is refused before it is decoded (a NUL byte, a megabyte of junk).
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{22}:[0-9]{1,19}:[0-9]{1,16}:[A-Za-z0-9_-]{20,64}")
MAX_LENGTH = 128
# Claimed tokens pruned per post: enough to keep up with posting, never a long delete.
PRUNE_BATCH = 100


@dataclass(frozen=True)
class ServedForm:
    """What a valid token says: which form, for which article, served when."""

    nonce: str
    page_id: int
    issued_at: datetime


def signer():
    return signing.Signer(salt=SALT)


def issue_form_token(page, issued_at=None):
    issued_at = issued_at or timezone.now()
    millis = int(issued_at.timestamp() * 1000)
    return signer().sign(f"{secrets.token_urlsafe(16)}:{page.pk}:{millis}")


def served_form(key):
    """The form a token was issued with, or None if it is not one of ours."""
    if not isinstance(key, str) or not TOKEN_SHAPE.fullmatch(key):
        return None
    try:
        nonce, page_id, millis = signer().unsign(key).split(":")
    except signing.BadSignature:
        return None
    issued_at = datetime.fromtimestamp(int(millis) / 1000, tz=UTC)
    return ServedForm(nonce, int(page_id), issued_at)


def lifetime():
    return timedelta(seconds=comment_settings.FORM_MAX_AGE_SECONDS)


def check_form_token(key, page):
    """The served form, if its token may be posted now for this article; else refused."""
    form = served_form(key)
    if form is None or form.page_id != page.pk:
        raise CommentRefused(
            gettext("This form could not be checked. Please send your comment again.")
        )
    age = (timezone.now() - form.issued_at).total_seconds()
    if age < comment_settings.MIN_SUBMIT_SECONDS:
        raise CommentRefused(
            gettext("That was quicker than we allow. Please check your comment and send it again.")
        )
    if age > comment_settings.FORM_MAX_AGE_SECONDS:
        raise CommentRefused(
            gettext("This form has expired. Your comment is still here: please send it again.")
        )
    return form


def is_usable(key, page):
    """Whether a reader sent back with their form may post it again with this token."""
    form = served_form(key)
    return (
        form is not None
        and form.page_id == page.pk
        and timezone.now() - form.issued_at <= lifetime()
        and not FormToken.objects.filter(key=form.nonce).exists()
    )


def claim_form_token(form, page, text_hash):
    """The claimed token; with its comment if an earlier post with it made one for this
    text. Call inside transaction.atomic(): a refused post rolls the claim back."""
    try:
        with transaction.atomic():
            return FormToken.objects.create(
                key=form.nonce, page=page, issued_at=form.issued_at, used_at=timezone.now()
            )
    except IntegrityError:
        pass
    # No select_related: read the comment in a query of its own, after the insert
    # waited for the first post to commit.
    token = FormToken.objects.filter(key=form.nonce, page=page).first()
    if token is not None and token.comment is not None and token.comment.fingerprint == text_hash:
        return token
    raise CommentRefused(
        gettext("This form has already been sent. Your text is still here: please send it again.")
    )


def spend_form_token(token, comment):
    token.comment = comment
    token.save(update_fields=["comment"])


def forget_expired_tokens():
    """Claimed tokens past their lifetime: their forms are refused as expired anyway."""
    oldest = timezone.now() - lifetime()
    stale = FormToken.objects.filter(issued_at__lt=oldest).values_list("pk", flat=True)
    FormToken.objects.filter(pk__in=list(stale[:PRUNE_BATCH])).delete()
