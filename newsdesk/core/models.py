from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .visibility import is_visible_to_readers


@register_setting(icon="site")
class NewsroomSettings(BaseSiteSetting):
    """What the whole site says about the newsroom behind it."""

    tagline = models.CharField(max_length=160, blank=True)
    logo = models.ForeignKey(
        "multimedia.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the header and given to search engines as the publisher's logo.",
    )
    x_handle = models.CharField(
        "X (Twitter) handle",
        max_length=15,
        blank=True,
        help_text="Without the @. Credited as the source when readers share a story on X.",
    )
    copyright_holder = models.CharField(max_length=160, blank=True)
    feed_full_text = models.BooleanField(
        "full text in feeds",
        default=False,
        help_text="Feed readers get whole stories. Off: the standfirst and a link to the site.",
    )
    podcast_artwork = models.ForeignKey(
        "multimedia.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square picture, at least 1400 x 1400 pixels, that podcast apps show for "
        "the audio feed.",
    )

    panels = [
        FieldPanel("tagline"),
        FieldPanel("logo"),
        FieldPanel("x_handle"),
        FieldPanel("copyright_holder"),
        FieldPanel("feed_full_text"),
        FieldPanel("podcast_artwork"),
    ]

    class Meta:
        verbose_name = "newsroom settings"


@register_setting(icon="warning")
class BreakingNews(BaseSiteSetting):
    """A banner on every page for a story that is breaking now. It takes itself down."""

    DEFAULT_DURATION = timedelta(hours=3)

    headline = models.CharField(max_length=160, blank=True, help_text="Leave empty for no banner.")
    link = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The story or live blog the banner points to.",
    )
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=f"Leave empty to take the banner down after {DEFAULT_DURATION.seconds // 3600} hours.",
    )

    panels = [FieldPanel("headline"), FieldPanel("link"), FieldPanel("expires_at")]

    class Meta:
        verbose_name = "breaking news banner"

    def save(self, *args, **kwargs):
        if self.headline and not self.expires_at:
            self.expires_at = timezone.now() + self.DEFAULT_DURATION
        super().save(*args, **kwargs)

    @property
    def is_showing(self):
        return bool(self.headline) and (self.expires_at is None or self.expires_at > timezone.now())

    @cached_property
    def reader_link(self):
        """The linked page, if readers may see it: else the headline shows without a link."""
        return self.link if is_visible_to_readers(self.link) else None
