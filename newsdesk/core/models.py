from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Site

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


def edition_languages():
    """The language codes of the editions (settings.LANGUAGES): a Locale outside them has
    no reader URLs, so nothing of it is shown to readers."""
    return [code for code, _ in get_content_languages().items()]


def edition_locales():
    return Locale.objects.filter(language_code__in=edition_languages())


def default_locale_pk():
    """The default edition's Locale: what a row made without one belongs to."""
    return Locale.get_default().pk


class BreakingNews(models.Model):
    """A banner on every page of one edition for a story that is breaking now. It takes
    itself down. Each edition of a site has its own (made when first looked for), set
    without touching the others'; an edition whose banner is empty shows none."""

    DEFAULT_DURATION = timedelta(hours=3)

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", editable=False
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        default=default_locale_pk,
        verbose_name="edition",
    )
    headline = models.CharField(max_length=160, blank=True, help_text="Leave empty for no banner.")
    link = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The story or live blog the banner points to, in the banner's edition.",
    )
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=f"Leave empty to take the banner down after {DEFAULT_DURATION.seconds // 3600} hours.",
    )

    panels = [FieldPanel("headline"), FieldPanel("link"), FieldPanel("expires_at")]

    class Meta:
        verbose_name = "breaking news banner"
        constraints = [
            models.UniqueConstraint(fields=["site", "locale"], name="core_breakingnews_per_edition")
        ]

    def __str__(self):
        return f"Breaking news: {self.locale.get_display_name()}"

    def save(self, *args, **kwargs):
        if self.headline and not self.expires_at:
            self.expires_at = timezone.now() + self.DEFAULT_DURATION
        super().save(*args, **kwargs)

    def clean(self):
        if self.link_id and self.locale_id and self.link.locale_id != self.locale_id:
            raise ValidationError(
                {"link": "Choose a page of the banner's own edition (its translation, if any)."}
            )

    @classmethod
    def for_site(cls, site, locale=None):
        """The banner of the site's edition in `locale` (the active one when not given),
        made empty on the first look, as Wagtail makes a site's settings."""
        locale = locale or Locale.get_active()
        banner, _ = cls.objects.get_or_create(site=site, locale=locale)
        return banner

    @classmethod
    def for_request(cls, request):
        """The banner of the request's site and edition; None outside any site."""
        site = Site.find_for_request(request)
        return cls.for_site(site) if site else None

    @property
    def is_showing(self):
        return bool(self.headline) and (self.expires_at is None or self.expires_at > timezone.now())

    @cached_property
    def reader_link(self):
        """The linked page, if readers may see it: else the headline shows without a link."""
        return self.link if is_visible_to_readers(self.link) else None
