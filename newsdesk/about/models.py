"""The newsroom about itself: pages of information and policy (about us, contact, ethics),
the corrections page, and the site footer's links and social accounts (a site setting)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from newsdesk.caching.metadata import add_cache_tags
from newsdesk.caching.restrictions import KeptRestrictionsMixin
from newsdesk.core.forms import NewsdeskPageForm
from newsdesk.core.visibility import InTimePagesMixin
from newsdesk.news.models import ArticleCorrection, ArticlePage, paginate

from .blocks import InfoBodyBlock
from .links import validate_link_url, validate_social_url

# The corrections page's tag (newsdesk/caching/metadata.py), purged by a correction.
CORRECTIONS_TAG = "list-corrections"

INFO_PROMOTE_PANELS = [
    MultiFieldPanel(
        [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
        heading="Address and search engines",
    ),
]


class InfoPage(InTimePagesMixin, KeptRestrictionsMixin, Page):
    """A page about the newsroom: who we are, how to reach us, a policy we keep."""

    intro = models.TextField(
        blank=True, max_length=500, help_text="One or two sentences under the title."
    )
    body = StreamField(InfoBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = INFO_PROMOTE_PANELS
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["news.HomePage", "about.InfoPage"]
    subpage_types = ["about.InfoPage"]
    template = "about/info_page.html"
    base_form_class = NewsdeskPageForm

    class Meta:
        verbose_name = "information or policy page"


class CorrectionsPage(InTimePagesMixin, KeptRestrictionsMixin, Page):
    """The corrections policy, then every correction on a story readers may see, newest
    first. Updates are not listed: they add to a story, they do not put it right."""

    intro = models.TextField(blank=True, max_length=500)
    body = StreamField(
        InfoBodyBlock(), blank=True, help_text="The corrections policy, above the list."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = INFO_PROMOTE_PANELS
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["news.HomePage"]
    subpage_types = []
    max_count = 1
    template = "about/corrections_page.html"
    base_form_class = NewsdeskPageForm

    class Meta:
        verbose_name = "corrections page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["corrections"] = paginate(request, published_corrections())
        return context


def published_corrections():
    """Tagged list-corrections: a story's correction purges it (wagtail_hooks.py)."""
    add_cache_tags(CORRECTIONS_TAG)
    stories = ArticlePage.objects.visible_to_readers()
    return (
        ArticleCorrection.objects.filter(
            kind=ArticleCorrection.Kind.CORRECTION, page__in=stories.values("pk")
        )
        .select_related("page")
        .order_by("-noted_at", "-pk")
    )


@register_setting(icon="list-ul")
class FooterSettings(ClusterableModel, BaseSiteSetting):
    """What the footer of every page links to, besides the sections and feeds."""

    panels = [
        InlinePanel(
            "links",
            heading="Links",
            label="Link",
            help_text="Grouped in the footer by column, in the order given here.",
        ),
        InlinePanel(
            "social_accounts",
            heading="Social accounts",
            label="Account",
            help_text="The X account is the one in Newsroom settings.",
        ),
    ]

    class Meta:
        verbose_name = "footer"


class FooterLink(Orderable):
    """A page of the site, or another address (https://, mailto:, tel:, or /a/path/)."""

    class Column(models.TextChoices):
        NEWSROOM = "newsroom", _("The newsroom")
        STANDARDS = "standards", _("Our standards")

    footer = ParentalKey(FooterSettings, on_delete=models.CASCADE, related_name="links")
    column = models.CharField(max_length=20, choices=Column.choices, default=Column.NEWSROOM)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A page of the site: shown only while readers may see it.",
    )
    url = models.CharField(
        "or address",
        max_length=500,
        blank=True,
        validators=[validate_link_url],
        help_text="Instead of a page: https://…, mailto:…, tel:… or a path on this site.",
    )
    label = models.CharField(
        max_length=60, blank=True, help_text="Leave empty to use the page's title."
    )

    panels = [FieldPanel("column"), FieldPanel("page"), FieldPanel("url"), FieldPanel("label")]

    def __str__(self):
        return self.label or (self.page.title if self.page_id else self.url)

    def clean(self):
        if bool(self.page_id) == bool(self.url):
            raise ValidationError("Choose a page or type an address: one of the two.")
        if self.url and not self.label:
            raise ValidationError({"label": "An address needs a label for readers."})


class SocialAccount(Orderable):
    class Network(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        YOUTUBE = "youtube", "YouTube"
        TIKTOK = "tiktok", "TikTok"
        LINKEDIN = "linkedin", "LinkedIn"
        BLUESKY = "bluesky", "Bluesky"
        MASTODON = "mastodon", "Mastodon"
        THREADS = "threads", "Threads"
        WHATSAPP = "whatsapp", _("WhatsApp channel")

    footer = ParentalKey(FooterSettings, on_delete=models.CASCADE, related_name="social_accounts")
    network = models.CharField(max_length=20, choices=Network.choices)
    url = models.URLField(
        "address",
        max_length=300,
        validators=[validate_social_url],
        help_text="The account's page, https://…",
    )

    panels = [FieldPanel("network"), FieldPanel("url")]

    def __str__(self):
        return self.get_network_display()
