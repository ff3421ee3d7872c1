from django.conf import settings
from django.db import models
from django.utils import timezone


class TranslationState(models.Model):
    """Where a translation stands against its source: the source revision it follows, and
    since when the source has moved on without it."""

    translation = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="translation_state"
    )
    source = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="translation_states"
    )
    source_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The source as the translation follows it.",
    )
    stale_since = models.DateTimeField(null=True, blank=True)
    machine_drafted = models.BooleanField(default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Corrections noted on the source after this have not been carried over (nor declined).
    corrections_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["stale_since"])]

    def __str__(self):
        return f"{self.translation} ({'stale' if self.is_stale else 'in step'})"

    @property
    def is_stale(self):
        return self.stale_since is not None
