from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from newsdesk.core.client_address import normalise as normalise_address


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state=Comment.State.APPROVED)

    def visible_to(self, own_ids=(), user=None):
        """Approved comments, plus the reader's own that are still awaiting moderation."""
        own = Q(pk__in=list(own_ids))
        if user is not None and user.is_authenticated:
            own |= Q(user=user)
        return self.filter(Q(state=Comment.State.APPROVED) | (own & Q(state=Comment.State.PENDING)))


class Comment(models.Model):
    """A reader's comment on an article, or a reply to one. The text is plain text."""

    class State(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    class Training(models.TextChoices):
        NONE = "", "Not used for training"
        SPAM = "spam", "Trained as spam"
        HAM = "ham", "Trained as not spam"

    page = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="reader_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # The top-level comment a reply sits under, so a page of threads fetches all its
    # replies in one query; empty on top-level comments.
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reader_comments",
    )
    author_name = models.CharField(max_length=200)
    # Never shown to readers; used for reply notifications, rate limits and bans.
    author_email = models.EmailField(max_length=254, blank=True)
    body = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    is_newsroom_reply = models.BooleanField(default=False)
    notify_on_reply = models.BooleanField(default=False)
    # Why the comment waits for a moderator, shown on its card in the queue.
    held_for = models.JSONField(default=list, blank=True)
    spam_score = models.FloatField(null=True, blank=True)
    trained_as = models.CharField(max_length=4, choices=Training.choices, blank=True)
    # A hash of the casefolded text, for duplicate detection.
    fingerprint = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Set when the parent's author has been told about this reply, so they hear once.
    reply_notice_sent_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        indexes = [
            # A page of an article's threads, newest or oldest first.
            models.Index(
                fields=["page", "state", "created_at"],
                condition=Q(parent__isnull=True),
                name="comments_threads_idx",
            ),
            models.Index(fields=["thread", "created_at"], name="comments_replies_idx"),
            models.Index(fields=["page", "state"], name="comments_count_idx"),
            models.Index(fields=["state", "created_at"], name="comments_queue_idx"),
            models.Index(fields=["fingerprint", "created_at"], name="comments_duplicate_idx"),
            models.Index(fields=["author_email"], name="comments_email_idx"),
            models.Index(
                fields=["trained_as"], condition=~Q(trained_as=""), name="comments_trained_idx"
            ),
        ]
        permissions = [("moderate_comment", "Can moderate reader comments")]

    def __str__(self):
        return f"Comment {self.pk} by {self.author_name}"

    @property
    def is_pending(self):
        return self.state == self.State.PENDING


class FormToken(models.Model):
    """A comment form's token, claimed by the first post that used it.

    The form carries the token signed, so serving it writes nothing; a post inserts its
    nonce here, under the unique key, so a second post with it is answered with the
    comment the first one made (a double click, a resent request), and a stolen or
    replayed form is worth one comment at most (form_tokens.py). Rows past the form's
    lifetime are pruned as posts come in."""

    key = models.CharField(max_length=64, unique=True)  # the token's nonce
    page = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"Comment form for page {self.page_id}, issued {self.issued_at:%Y-%m-%d %H:%M}"


class CommentPolicy(models.Model):
    """Comment rules for one section or article; a section's rules cover every page below it."""

    class Moderation(models.TextChoices):
        INHERIT = "", "As the section above (or the site default)"
        PRE = "pre", "Pre-moderation: hold every comment until a moderator approves it"
        POST = "post", "Post-moderation: publish at once, review afterwards"

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="comment_policy"
    )
    comments_closed = models.BooleanField(
        default=False,
        help_text="On a section, this closes comments on every article in it and its subsections.",
    )
    moderation = models.CharField(
        max_length=4, choices=Moderation.choices, blank=True, default=Moderation.INHERIT
    )

    panels = [FieldPanel("page"), FieldPanel("comments_closed"), FieldPanel("moderation")]

    class Meta:
        verbose_name = "comment rule"
        verbose_name_plural = "comment rules"

    def __str__(self):
        return f"Comment rules for {self.page.title}"


class Ban(models.Model):
    """An email or network address that may no longer comment."""

    class Kind(models.TextChoices):
        EMAIL = "email", "Email"
        ADDRESS = "address", "Network address"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Emails are stored casefolded and addresses in their canonical spelling, so a ban
    # holds however it was typed.
    value = models.CharField(max_length=254)
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    panels = [FieldPanel("kind"), FieldPanel("value"), FieldPanel("reason")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="comments_ban_unique")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.value}"

    def save(self, *args, **kwargs):
        if self.kind == self.Kind.EMAIL:
            self.value = self.value.strip().casefold()
        elif self.kind == self.Kind.ADDRESS:
            # The spelling comments are stored with, so "2001:DB8:0::1" bans 2001:db8::1.
            self.value = normalise_address(self.value) or self.value.strip()
        super().save(*args, **kwargs)

    def clean(self):
        if self.kind == self.Kind.ADDRESS and normalise_address(self.value) is None:
            raise ValidationError(
                {"value": "Not a network address: give one such as 203.0.113.7 or 2001:db8::1."}
            )


class BlockedTerm(models.Model):
    """A word, phrase or domain that holds a comment for a moderator."""

    term = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    panels = [FieldPanel("term")]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.term = self.term.strip().casefold()
        super().save(*args, **kwargs)


class SpamToken(models.Model):
    """How many comments moderators marked spam, and not spam, contained this token."""

    token = models.CharField(max_length=64, unique=True)
    spam_count = models.PositiveIntegerField(default=0)
    ham_count = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.token


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """Reader comments on this site."""

    require_sign_in = models.BooleanField(
        default=False, help_text="Only signed-in readers may comment; guests see a sign-in link."
    )
    close_after_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Close comments this many days after an article is first published. "
        "Leave empty for the platform default (NEWSDESK_COMMENTS_CLOSE_AFTER_DAYS).",
    )

    panels = [FieldPanel("require_sign_in"), FieldPanel("close_after_days")]

    class Meta:
        verbose_name = "comment settings"
