"""Live channels (the TV broadcast and its Audio Only rendition) and live blogs.

A LiveBlogPage is an ArticlePage (multi-table inheritance), so it sits in section lists,
feeds and search like any story. Its updates are LiveEntry rows, posted from a quick form
in the admin (admin_views.py, through actions.py). Every post, edit and delete also writes
a LiveEvent: the event log that readers' streams (views.py) replay from Last-Event-ID.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import Truncator
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable
from wagtail.search import index

from newsdesk.core.blocks import ArticleBodyBlock
from newsdesk.core.models import default_locale_pk, edition_languages
from newsdesk.news.models import ArticlePage

from . import schedule
from .conf import live_settings
from .validators import validate_stream_url


class LiveChannelQuerySet(models.QuerySet):
    def for_readers(self):
        """Channels with a stream, of an edition the site runs: the header links the
        first of the edition being read, on air or not."""
        return self.exclude(stream_url="").filter(locale__language_code__in=edition_languages())

    def of_edition(self, locale=None):
        """The channels of the edition in `locale` (the one being read when not given)."""
        # Its URLs are reversed in its locale's language: loaded with it, not one query each.
        return self.filter(locale=locale or Locale.get_active()).select_related("locale")


class LiveChannel(ClusterableModel):
    """A live broadcast: its HLS stream, the same as sound alone, and its programmes."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.PROTECT,
        related_name="+",
        default=default_locale_pk,
        verbose_name="edition",
        help_text="The edition whose pages link the channel: a channel per language.",
    )
    strapline = models.CharField(
        max_length=200, blank=True, help_text="One line under the name, e.g. “Rolling news”."
    )
    stream_url = models.CharField(
        "stream address",
        max_length=500,
        validators=[validate_stream_url],
        help_text="The HLS playlist (.m3u8) of the broadcast: https://… or a path on this site.",
    )
    audio_stream_url = models.CharField(
        "Audio Only stream address",
        max_length=500,
        blank=True,
        validators=[validate_stream_url],
        help_text=(
            "An HLS playlist of the sound alone (an audio rendition of the broadcast, or a "
            "separate stream). Leave empty to offer no Audio Only."
        ),
    )
    poster = models.ForeignKey(
        "multimedia.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown before the reader presses play, and while the channel is off air.",
    )
    on_air = models.BooleanField(
        default=False,
        help_text=(
            "The stream is up. Readers see the channel on air during its scheduled "
            "programmes (all the time when it has no schedule), and off air otherwise, "
            "with the next programme."
        ),
    )
    sort_order = models.IntegerField(
        default=0,
        help_text="Every page's header in the channel's edition links the channel with the "
        "lowest number.",
    )

    objects = LiveChannelQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("locale"),
        FieldPanel("strapline"),
        MultiFieldPanel(
            [FieldPanel("stream_url"), FieldPanel("audio_stream_url"), FieldPanel("on_air")],
            heading="Stream",
        ),
        FieldPanel("poster"),
        FieldPanel("sort_order"),
        InlinePanel("programmes", heading="Programme schedule", label="Programme"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.edition_url("live:channel")

    @property
    def listen_url(self):
        return self.edition_url("live:listen")

    def clean(self):
        if self.locale_id and self.locale.language_code not in edition_languages():
            raise ValidationError(
                {"locale": "The site runs no edition in this language: choose one it runs."}
            )

    def edition_url(self, name):
        """The channel's pages are under its edition's prefix (/es/live/...), wherever the
        link is made."""
        with translation.override(self.locale.language_code):
            return reverse(name, args=[self.slug])

    @property
    def has_audio_only(self):
        return bool(self.audio_stream_url)

    def air_state(self, now=None):
        """On air or not at `now`, what is on and next, and when that changes."""
        return schedule.air_state(self.on_air, list(self.programmes.all()), now)


# An end before the start means past midnight, up to this long: beyond, it is a typo.
MAX_HOURS_PAST_MIDNIGHT = 12


class ProgrammeSlot(Orderable):
    """A programme on a channel's schedule, at a time of day in the newsroom's zone."""

    class Repeats(models.TextChoices):
        DAILY = "daily", "Every day"
        WEEKDAYS = "weekdays", "Monday to Friday"
        WEEKENDS = "weekends", "Saturday and Sunday"
        MONDAY = "mon", "Mondays"
        TUESDAY = "tue", "Tuesdays"
        WEDNESDAY = "wed", "Wednesdays"
        THURSDAY = "thu", "Thursdays"
        FRIDAY = "fri", "Fridays"
        SATURDAY = "sat", "Saturdays"
        SUNDAY = "sun", "Sundays"
        ONCE = schedule.ONCE, "Once, on the date given"

    channel = ParentalKey(LiveChannel, on_delete=models.CASCADE, related_name="programmes")
    title = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    starts = models.TimeField()
    ends = models.TimeField(
        help_text="Earlier than the start for a programme past midnight (12 hours at most)."
    )
    repeats = models.CharField(max_length=10, choices=Repeats.choices, default=Repeats.DAILY)
    date = models.DateField(
        null=True, blank=True, help_text="Only for a one-off: it replaces what it overlaps."
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("starts"),
        FieldPanel("ends"),
        FieldPanel("repeats"),
        FieldPanel("date"),
    ]

    def __str__(self):
        return f"{self.title} ({self.starts:%H:%M}–{self.ends:%H:%M})"  # noqa: RUF001

    def clean(self):
        if self.starts is not None and self.starts == self.ends:
            raise ValidationError({"ends": "A programme must end at a different time."})
        if self.starts is not None and self.ends is not None and self.ends < self.starts:
            hours = schedule.duration(self) / timedelta(hours=1)
            if hours > MAX_HOURS_PAST_MIDNIGHT:
                raise ValidationError(
                    {
                        "ends": (
                            f"It ends before it starts: past midnight, that is a programme "
                            f"of {hours:g} hours. A programme past midnight may run "
                            f"{MAX_HOURS_PAST_MIDNIGHT} hours at most: check the times."
                        )
                    }
                )
        if self.repeats == self.Repeats.ONCE and not self.date:
            raise ValidationError({"date": "A one-off programme needs its date."})
        if self.repeats != self.Repeats.ONCE and self.date:
            raise ValidationError({"date": "Only a one-off programme has a date."})


class LiveBlogPage(ArticlePage):
    """A story told as it happens: timestamped updates, newest first, sent to open pages."""

    class State(models.TextChoices):
        LIVE = "live", "Live: updates are being posted"
        ENDED = "ended", "Ended: no more updates"

    state = models.CharField(
        max_length=10,
        choices=State.choices,
        default=State.LIVE,
        help_text="Readers are told when a live blog ends; it then takes no new updates.",
    )

    content_panels = [FieldPanel("state"), *ArticlePage.content_panels]
    search_fields = [
        *ArticlePage.search_fields,
        index.RelatedFields("entries", [index.SearchField("title"), index.SearchField("body")]),
    ]

    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    template = "live/live_blog_page.html"
    story_presets = [("Live blog", {})]

    class Meta:
        verbose_name = "live blog"

    @property
    def is_live(self):
        return self.state == self.State.LIVE

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        entries = self.entries.select_related("author")
        updates = Paginator(entries.filter(pinned=False), live_settings.ENTRIES_PER_PAGE)
        context.update(
            updates=updates.get_page(request.GET.get("page")),
            pinned=list(entries.filter(pinned=True)),
            key_events=list(entries.filter(key_event=True)),
            last_event_id=self.last_event_id(),
        )
        return context

    def last_event_id(self):
        """Where a reader of the page as rendered now picks up the stream."""
        return self.events.aggregate(last=models.Max("id"))["last"] or 0


class LiveEntry(models.Model):
    """One update on a live blog."""

    blog = models.ForeignKey(LiveBlogPage, on_delete=models.CASCADE, related_name="entries")
    title = models.CharField(max_length=200, blank=True)
    body = StreamField(ArticleBodyBlock())
    author = models.ForeignKey(
        "news.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_entries",
    )
    pinned = models.BooleanField(default=False, help_text="Kept at the top of the live blog.")
    key_event = models.BooleanField(default=False, help_text="Listed in the summary of key events.")
    posted_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-posted_at", "-pk"]
        indexes = [models.Index(fields=["blog", "-posted_at"])]
        verbose_name_plural = "live entries"

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return f"{self.blog.url}#{self.anchor}"

    @property
    def anchor(self):
        return f"update-{self.pk}"

    @cached_property
    def text(self):
        """The update's words without markup, for summaries and length checks."""
        words = self._meta.get_field("body").get_searchable_content(self.body)
        return " ".join(" ".join(words).split())

    @property
    def headline(self):
        """The title, or the first words when the update has none."""
        return self.title or Truncator(self.text).words(14)


class LiveEvent(models.Model):
    """A post, edit or delete on a live blog, as readers' streams send it.

    The id is the stream's event id: a reader who reconnects with Last-Event-ID gets the
    events with a larger id on their blog. A deleted update leaves its "deleted" event,
    so readers who missed the deletion still drop it.
    """

    class Kind(models.TextChoices):
        POSTED = "posted"
        EDITED = "edited"
        DELETED = "deleted"
        STATE = "state"

    blog = models.ForeignKey(LiveBlogPage, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Not a foreign key: the event outlives a deleted entry.
    entry_id = models.PositiveBigIntegerField(null=True, blank=True)
    data = models.JSONField(help_text="What readers' pages receive.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["blog", "id"])]

    def __str__(self):
        return f"{self.kind} {self.entry_id or ''} on {self.blog_id}"
