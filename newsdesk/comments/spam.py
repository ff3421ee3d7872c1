"""Spam and abuse defences that need no network service.

Refusals (the reader sees why, and keeps what they typed): the honeypot, a ban, a rate
limit, too many links; and (form_tokens.py) a form forged, reused, sent too fast or too
long after it was served.
Holds (the comment waits for a moderator): a blocklisted term, the same text posted on
other articles, or the classifier finding it likely spam.
Rate limits count in Django's cache, which is Redis in production, so every web process
shares them.
"""

import hashlib
import ipaddress
import re
import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from . import classifier
from .conf import comment_settings
from .models import Ban, BlockedTerm, Comment, SpamToken
from .text import find_urls


class CommentRefused(Exception):
    """A comment we will not take; the message is for the reader."""

    def __init__(self, message, status=400, retry_after=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


@dataclass
class Screening:
    held_for: list
    spam_score: float | None = None


# --- the form's own defences (its token: form_tokens.py) ------------------------------


def check_honeypot(value):
    # Hidden from people; only a form-filling robot types here. Say little.
    if value:
        raise CommentRefused(gettext("Your comment could not be posted."))


# --- who is posting ----------------------------------------------------------------------


def check_not_banned(email, address):
    bans = Q(kind=Ban.Kind.EMAIL, value=(email or "").casefold())
    if address:
        bans |= Q(kind=Ban.Kind.ADDRESS, value=address)
    if Ban.objects.filter(bans).exists():
        raise CommentRefused(gettext("You can no longer comment on this site."), status=403)


def rate_limited_network(address):
    """Whom an address's limit counts: the address, or for IPv6 its /64, the block one
    home or phone is given, so a reader cannot dodge the limit by rotating through it."""
    if not address:
        return None
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return address


def check_rate_limits(email, address):
    """Counts this attempt against each window and refuses it when one is full."""
    scopes = [("address", rate_limited_network(address)), ("email", (email or "").casefold())]
    for scope, value in scopes:
        if not value:
            continue
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        for limit, window in comment_settings.RATE_LIMITS:
            key = f"comments:rate:{scope}:{window}:{digest}:{int(time.time() // window)}"
            cache.add(key, 0, timeout=window)
            try:
                hits = cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, timeout=window)
                hits = 1
            if hits > limit:
                raise CommentRefused(
                    gettext(
                        "You're commenting faster than we allow. Please wait a little and "
                        "send it again; your comment is still here."
                    ),
                    status=429,
                    retry_after=window,
                )


# --- what they wrote ---------------------------------------------------------------------


def check_links(body):
    most = comment_settings.MAX_LINKS
    found = len(find_urls(body))
    if found > most:
        raise CommentRefused(
            ngettext(
                "Comments can include at most %(most)s link; yours has %(found)s. "
                "Please remove some and send it again.",
                "Comments can include at most %(most)s links; yours has %(found)s. "
                "Please remove some and send it again.",
                most,
            )
            % {"most": most, "found": found}
        )


def earlier_duplicates(fingerprint, email, address):
    since = timezone.now() - timedelta(seconds=comment_settings.DUPLICATE_WINDOW_SECONDS)
    same_author = Q(author_email__iexact=email) if email else Q(pk__in=[])
    if address:
        same_author |= Q(ip_address=address)
    return Comment.objects.filter(same_author, fingerprint=fingerprint, created_at__gte=since)


def blocked_terms_in(text):
    terms = [*comment_settings.BLOCKLIST, *BlockedTerm.objects.values_list("term", flat=True)]
    folded = text.casefold()
    return [
        term for term in terms if re.search(rf"(?<!\w){re.escape(term.casefold())}(?!\w)", folded)
    ]


def screen(body, *, name, email, posted_elsewhere):
    """Reasons to hold a comment for a moderator, and its spam score."""
    held_for = [f"Blocked term: {term}" for term in blocked_terms_in(f"{name}\n{body}")]
    if posted_elsewhere:
        held_for.append("Same text posted on another article")
    score = spam_score(body, name=name, email=email)
    if score is not None and score >= comment_settings.SPAM_THRESHOLD:
        held_for.append(f"Suspected spam ({score:.0%})")
    return Screening(held_for=held_for, spam_score=score)


# --- the classifier's memory: moderators' decisions ----------------------------------


def training_totals():
    totals = dict(
        Comment.objects.exclude(trained_as="")
        .values_list("trained_as")
        .annotate(n=Count("pk"))
        .values_list("trained_as", "n")
    )
    return totals.get(Comment.Training.SPAM, 0), totals.get(Comment.Training.HAM, 0)


def spam_score(body, *, name="", email=""):
    """The classifier's P(spam), or None until moderators have taught it enough."""
    spam_docs, ham_docs = training_totals()
    if min(spam_docs, ham_docs) < comment_settings.CLASSIFIER_MIN_TRAINING:
        return None
    tokens = classifier.features(body, name=name, email=email)
    counts = {
        row.token: (row.spam_count, row.ham_count)
        for row in SpamToken.objects.filter(token__in=tokens)
    }
    return classifier.spam_probability(tokens, classifier.Evidence(spam_docs, ham_docs, counts))


def learn(comment, as_spam):
    """Teach the classifier a moderator's decision; a changed mind replaces the old lesson."""
    label = Comment.Training.SPAM if as_spam else Comment.Training.HAM
    if comment.is_newsroom_reply or comment.trained_as == label:
        return
    tokens = classifier.features(comment.body, name=comment.author_name, email=comment.author_email)
    with transaction.atomic():
        if comment.trained_as:
            _count(tokens, comment.trained_as, -1)
        SpamToken.objects.bulk_create(
            [SpamToken(token=token) for token in tokens], ignore_conflicts=True
        )
        _count(tokens, label, +1)
        Comment.objects.filter(pk=comment.pk).update(trained_as=label)
        comment.trained_as = label


def _count(tokens, label, step):
    field = "spam_count" if label == Comment.Training.SPAM else "ham_count"
    # An edit between two lessons changes the tokens; never let a count go below zero.
    SpamToken.objects.filter(token__in=tokens).update(**{field: Greatest(F(field) + step, 0)})
