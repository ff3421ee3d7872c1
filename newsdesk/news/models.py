from collections import defaultdict
from datetime import timedelta
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Subquery, Window, prefetch_related_objects
from django.db.models.functions import Length, RowNumber, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets import AdminAutoHeightTextInput
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from newsdesk.caching.metadata import add_cache_tags
from newsdesk.caching.restrictions import KeptRestrictionsMixin
from newsdesk.core.blocks import ArticleBodyBlock
from newsdesk.core.forms import NewsdeskPageForm
from newsdesk.core.routing import UrlPathRoutingMixin, routed_ancestors
from newsdesk.core.visibility import (
    InTimePagesMixin,
    ReaderPageQuerySet,
)

from .forms import ArticlePageForm

ARTICLES_PER_PAGE = 20
# A story republished within this window after it first went out is not "updated".
UPDATE_GRACE = timedelta(minutes=10)


# The newsroom's words for a story's title, address and search engine fields; a headline
# wraps onto as many lines as it needs, so the editor sees all of it.
HEADLINE_PANEL = TitleFieldPanel(
    "title",
    heading="Headline",
    placeholder="Headline*",
    help_text="As readers see it above the story. Write it in full: it is never cut short.",
    widget=AdminAutoHeightTextInput(attrs={"rows": 1}),
)
STORY_PROMOTE_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel(
                "slug",
                heading="Web address",
                help_text="The story's address ends with this: lower-case words and hyphens. "
                "It should not change once the story is published.",
            ),
            FieldPanel(
                "seo_title",
                heading="Headline for search engines",
                help_text="Leave empty to use the headline. Search results show about 60 "
                "characters.",
            ),
            FieldPanel(
                "search_description",
                heading="Summary for search engines",
                help_text="One or two sentences under the headline in search results.",
            ),
        ],
        heading="Address and search engines",
    ),
    MultiFieldPanel([FieldPanel("show_in_menus")], heading="Site menus"),
]


class ArticleQuerySet(ReaderPageQuerySet):
    def for_listing(self):
        """Stories readers may see, newest first, with what a teaser shows fetched up front."""
        return (
            self.visible_to_readers()
            .select_related("lead_image")
            .prefetch_related("lead_image__renditions")
            # A teaser marks a live blog that is still running (live.LiveBlogPage's row).
            .annotate(live_blog_state=F("liveblogpage__state"))
            # A news story's kicker names its section: the page it is filed under.
            .annotate(section_title=Subquery(parent_titles.values("title")[:1]))
            # An opinion piece's teaser shows its writer's face.
            .prefetch_related(
                Prefetch(
                    "bylines",
                    queryset=ArticleByline.objects.select_related("author__photo"),
                ),
                "bylines__author__photo__renditions",
            )
            .order_by("-first_published_at", "-pk")
        )

    # The listings below carry a tag each (newsdesk/caching/metadata.py), which a story's
    # publish purges (wagtail_hooks.py: listing_tags): a story new to a listing shows.
    def below(self, page):
        add_cache_tags(f"list-page-{page.pk}")
        return self.descendant_of(page)

    def by_author(self, author):
        add_cache_tags(f"list-author-{author.pk}")
        return self.filter(bylines__author=author)

    def on_topics(self, tag_ids):
        add_cache_tags(*(f"list-topic-{tag_id}" for tag_id in tag_ids))
        return self.sharing_topics(tag_ids)

    def sharing_topics(self, tag_ids):
        """on_topics without the listing's tag: for a list that may take up to the page
        cache's TTL to show a new story (an article's related stories). Tagged, every
        publish on a topic would purge every article on it: on a busy topic, hundreds of
        pages a publish, each rendered again on every node."""
        return self.filter(tagged_items__tag_id__in=tag_ids)

    def in_order(self, pks):
        """These stories, if listed, in the order given."""
        found = self.in_bulk(pks)
        return [found[pk] for pk in pks if pk in found]


parent_titles = Page.objects.filter(
    path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
)


class SectionBlock(NamedTuple):
    """A section's stories on the front page, and how they are laid out: "opinion" (every
    story a column, shown by its writer), "lead" (a full block led by a story with a photo:
    it large, the others smaller beside it), "row" (fewer stories, side by side) or "list"
    (headlines, when most stories have no photo)."""

    section: "SectionPage"
    stories: list
    layout: str

    # Side by side on a desktop: a block without a lead story shows whole rows, never a
    # row of one under four (the story left out goes to the latest news).
    ROW = 4

    @classmethod
    def of(cls, section, stories):
        if all(story.is_opinion for story in stories):
            return cls(section, stories[: cls.ROW], "opinion")
        with_photos = sum(1 for story in stories if story.lead_image_id)
        if with_photos * 2 < len(stories):
            return cls(section, stories[: cls.ROW], "list")
        if len(stories) == HomePage.SECTION_STORIES and stories[0].lead_image_id:
            return cls(section, stories, "lead")
        return cls(section, stories[: cls.ROW], "row")


def paginate(request, queryset, per_page=ARTICLES_PER_PAGE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def section_trail(page):
    """The live sections above a page, outermost first: News > U.S. From the pages routing
    fetched on the way to it when it was routed to (as Page instances: links and titles
    are all a trail shows), else from the database."""
    above = routed_ancestors(page)
    if above is None:
        return list(SectionPage.objects.ancestor_of(page).live().order_by("depth"))
    return [
        each for each in above if each.live and issubclass(each.specific_class or Page, SectionPage)
    ]


class HomePage(UrlPathRoutingMixin, InTimePagesMixin, KeptRestrictionsMixin, Page):
    """The front page: the lead story, top stories, a block per section, then the latest news."""

    lead_story = models.ForeignKey(
        "news.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty to lead with the newest story.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead_story"),
        InlinePanel(
            "top_story_links",
            heading="Top stories",
            label="Top story",
            help_text="In the order shown on the front page; the newest stories fill the rest.",
            max_num=8,
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "about.InfoPage", "about.CorrectionsPage"]
    template = "pages/home_page.html"
    base_form_class = NewsdeskPageForm

    TOP_STORIES = 4
    SECTION_STORIES = 5  # a lead block: one large, four beside it
    LATEST_STORIES = 10

    @classmethod
    def can_create_at(cls, parent):
        # One front page: each edition's is a translation of it (newsdesk/editions/).
        return super().can_create_at(parent) and not cls.objects.exists()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Made once and narrowed: each for_listing() reads the view restrictions anew.
        listed = ArticlePage.objects.for_listing()
        stories = listed.below(self)
        pinned = self.lead_story_id and listed.in_order([self.lead_story_id])
        lead = pinned[0] if pinned else stories.first()
        shown = {lead.pk} if lead else set()
        top = self.pinned_top_stories(listed, exclude=shown)
        shown.update(story.pk for story in top)
        top += stories.exclude(pk__in=shown)[: max(self.TOP_STORIES - len(top), 0)]
        shown.update(story.pk for story in top)
        blocks = self.section_blocks(stories, shown)
        shown.update(story.pk for block in blocks for story in block.stories)
        context.update(
            lead_story=lead,
            top_stories=top,
            section_blocks=blocks,
            latest_stories=stories.exclude(pk__in=shown)[: self.LATEST_STORIES],
        )
        return context

    def shown_photo_ids(self):
        """The photos of the stories the front page shows (multimedia makes their renditions
        when it is published): the newest, enough to fill every block."""
        shown = self.TOP_STORIES + self.LATEST_STORIES + 1 + self.SECTION_STORIES * 10
        return listed_photo_ids(ArticlePage.objects.descendant_of(self), shown)

    def pinned_top_stories(self, listed, exclude):
        pks = list(self.top_story_links.values_list("story_id", flat=True))
        return [story for story in listed.in_order(pks) if story.pk not in exclude]

    def section_blocks(self, stories, shown):
        """The newest of the given stories in each section in the menu, in one query for
        them all: each story is numbered within its top-level section (the start of its
        tree path)."""
        sections = list(SectionPage.objects.child_of(self).visible_to_readers().in_menu())
        if not sections:
            return []
        path_length = len(sections[0].path)  # siblings: one depth, one path length
        stories = (
            stories.exclude(pk__in=shown)
            .annotate(section_path=Substr("path", 1, path_length))
            .filter(section_path__in=[section.path for section in sections])
            .annotate(
                position=Window(
                    RowNumber(),
                    partition_by=F("section_path"),
                    order_by=[F("first_published_at").desc(), F("pk").desc()],
                )
            )
            .filter(position__lte=self.SECTION_STORIES)
        )
        by_section = defaultdict(list)
        for story in stories:
            by_section[story.section_path].append(story)
        return [
            SectionBlock.of(section, by_section[section.path])
            for section in sections
            if by_section[section.path]
        ]


class SectionPage(InTimePagesMixin, KeptRestrictionsMixin, Page):
    """A section of the site (News, News > U.S., Opinion...), listing its stories newest first."""

    intro = models.TextField(blank=True, max_length=500)

    objects = PageManager.from_queryset(ReaderPageQuerySet)()

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["news.HomePage", "news.SectionPage"]
    subpage_types = ["news.SectionPage", "news.ArticlePage", "live.LiveBlogPage"]
    template = "pages/section_page.html"
    base_form_class = NewsdeskPageForm

    @cached_property
    def trail(self):
        return section_trail(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subsections"] = SectionPage.objects.child_of(self).visible_to_readers().in_menu()
        context["articles"] = paginate(request, ArticlePage.objects.below(self).for_listing())
        return context

    def shown_photo_ids(self):
        """The photos of the teasers on the section's first page."""
        return listed_photo_ids(ArticlePage.objects.descendant_of(self), ARTICLES_PER_PAGE)


class Author(index.Indexed, models.Model):
    """A person whose name appears in bylines, with a page listing their stories."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    job_title = models.CharField(max_length=120, blank=True)
    bio = models.TextField(blank=True, max_length=1000)
    photo = models.ForeignKey(
        "multimedia.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    x_handle = models.CharField("X (Twitter) handle", max_length=15, blank=True)
    user = models.OneToOneField(
        "users.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The newsroom account of this author, if they have one.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("job_title"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("x_handle"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:author", args=[self.slug])

    @property
    def initials(self):
        """The first letters of the first and last names: the writer's mark when the
        newsroom has no portrait (components/writer_mark.html)."""
        names = self.name.split()
        if not names:
            return ""
        picked = names if len(names) == 1 else [names[0], names[-1]]
        return "".join(name[0] for name in picked).upper()


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(InTimePagesMixin, KeptRestrictionsMixin, Page):
    """A story: headline, standfirst, lead photo, byline and a body of blocks."""

    class Kicker(models.TextChoices):
        NEWS = "news", pgettext_lazy("label of a story", "News")
        OPINION = "opinion", pgettext_lazy("label of a story", "Opinion")
        ANALYSIS = "analysis", pgettext_lazy("label of a story", "Analysis")
        INTERVIEW = "interview", pgettext_lazy("label of a story", "Interview")
        BREAKING = "breaking", pgettext_lazy("label of a story", "Breaking")
        EXCLUSIVE = "exclusive", pgettext_lazy("label of a story", "Exclusive")

    # The kinds of story the admin's "New story" entry offers (desk/stories.py); Breaking
    # and Exclusive are labels an editor puts on a news story.
    STORY_KINDS = [Kicker.NEWS, Kicker.OPINION, Kicker.ANALYSIS, Kicker.INTERVIEW]

    kicker = models.CharField(
        "label",
        max_length=20,
        choices=Kicker.choices,
        default=Kicker.NEWS,
        help_text="Shown above the headline; a news story shows its section's name instead. "
        "Opinion pieces are marked as such to readers.",
    )
    standfirst = models.TextField(
        max_length=600, blank=True, help_text="One or two sentences under the headline."
    )
    lead_image = models.ForeignKey(
        "multimedia.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(
        max_length=500, blank=True, help_text="Leave empty to use the photo's own caption."
    )
    audio = models.ForeignKey(
        "multimedia.AudioClip",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A recording of the story or a report to listen to; feeds offer it to podcast apps.",
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name="topics")

    objects = PageManager.from_queryset(ArticleQuerySet)()

    content_panels = [
        FieldPanel("kicker"),
        HEADLINE_PANEL,
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption")], heading="Lead photo"
        ),
        FieldPanel("audio"),
        InlinePanel("bylines", heading="Byline", label="Author", min_num=0),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel("related_links", heading="Related stories (editor's picks)", label="Story"),
        InlinePanel(
            "corrections",
            heading="Corrections and updates",
            label="Note",
            help_text="Shown to readers with the time it was added. Notes cannot be removed.",
        ),
    ]
    promote_panels = STORY_PROMOTE_PANELS
    api_fields = [
        APIField("kicker"),
        APIField("standfirst"),
        APIField("lead_image"),
        APIField("lead_image_caption"),
        APIField("body"),
        APIField("tags"),
        APIField("first_published_at"),
        APIField("last_published_at"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("kicker"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "bylines", [index.RelatedFields("author", [index.SearchField("name")])]
        ),
    ]

    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    template = "pages/article_page.html"
    base_form_class = ArticlePageForm
    story_presets = [(kind.label, {"kicker": kind.value}) for kind in STORY_KINDS]

    RELATED_STORIES = 4

    @property
    def is_opinion(self):
        return self.kicker == self.Kicker.OPINION

    @property
    def has_label(self):
        """An editorial label, not plain news (a draft saved without one is news too)."""
        return bool(self.kicker) and self.kicker != self.Kicker.NEWS

    @property
    def label(self):
        """What the kicker says: the editorial label, or for a news story its section."""
        if self.has_label:
            return self.get_kicker_display()
        if hasattr(self, "section_title"):  # ArticlePage.objects.for_listing() adds it
            return self.section_title or ""
        return self.section.title if self.section else ""

    @property
    def caption(self):
        if self.lead_image_caption:
            return self.lead_image_caption
        return self.lead_image.default_caption if self.lead_image else ""

    @property
    def updated_at(self):
        """When the story was last republished, if that was a real update."""
        first, last = self.first_published_at, self.last_published_at
        if first and last and last - first > UPDATE_GRACE:
            return last
        return None

    @cached_property
    def lead_photo(self):
        """The lead image, its renditions fetched in one query when first asked for: the
        picture, the social card and the structured data ask for a dozen of them, which
        Wagtail 8.0 would read from the cache and write back there on every call
        (wagtail/wagtail#14541). Not before: a page rendered from its fragments asks none."""
        image = self.lead_image
        if image is not None:
            prefetch_related_objects([image], "renditions")
        return image

    @cached_property
    def correction_notes(self):
        return sorted(self.corrections.all(), key=lambda note: note.noted_at)

    @cached_property
    def authors(self):
        return [byline.author for byline in self.bylines.select_related("author")]

    @cached_property
    def topics(self):
        # tags.all() also works in previews, where the tags are not saved yet.
        return list(self.tags.all())

    @cached_property
    def trail(self):
        return section_trail(self)

    @property
    def section(self):
        return self.trail[-1] if self.trail else None

    def shown_photo_ids(self):
        """Photos the story shows that are not its own: its writers' faces, its related
        stories' teasers (multimedia makes their renditions when it is published)."""
        faces = [author.photo_id for author in self.authors]
        return [*faces, *(story.lead_image_id for story in self.get_related_stories())]

    def get_related_stories(self):
        """Editors' picks first; without any, the newest stories sharing a topic. The
        stories shown are tagged (an edit or unpublish purges this page at once); a new
        story on the topic shows here when the cached page expires (sharing_topics)."""
        # As every listing fetches its teasers: bylines, photos and renditions together.
        pick_ids = [link.story_id for link in self.related_links.all()]
        picks = ArticlePage.objects.for_listing().in_order(pick_ids) if pick_ids else []
        if picks:
            return picks[: self.RELATED_STORIES]
        tag_ids = [tag.pk for tag in self.topics]
        if not tag_ids:
            return []
        return list(
            ArticlePage.objects.for_listing()
            .sharing_topics(tag_ids)
            .exclude(pk=self.pk)
            .distinct()[: self.RELATED_STORIES]
        )


def listed_photo_ids(stories, count):
    """The lead photos and writers' faces of the newest `count` stories readers may see."""
    newest = stories.visible_to_readers().order_by("-first_published_at")[:count]
    lead_photos = newest.values_list("lead_image_id", flat=True)
    faces = ArticleByline.objects.filter(page__in=newest.values("pk")).values_list(
        "author__photo_id", flat=True
    )
    return [*lead_photos, *faces]


class HomeTopStory(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="top_story_links")
    story = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("story")]


class ArticleCorrection(Orderable):
    """A correction or update note on a published story. Notes are never removed."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    note = models.TextField(max_length=1000, help_text="What changed, for readers.")
    noted_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [FieldPanel("kind"), FieldPanel("note")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.note[:60]}"


class ArticleByline(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="bylines")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "author")]


class ArticleRelatedLink(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    story = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("story")]

    def clean(self):
        if self.story_id and self.story_id == self.page_id:
            raise ValidationError({"story": "A story cannot be related to itself."})
        if self.story_id and not ArticlePage.objects.filter(pk=self.story_id, live=True).exists():
            raise ValidationError(
                {
                    "story": "That story is not published: choose a published story, or publish it first."
                }
            )


def visible_authors():
    """Authors with a story readers may see: only they have a page and feeds."""
    bylines = ArticleByline.objects.filter(page__in=ArticlePage.objects.visible_to_readers())
    return Author.objects.filter(pk__in=bylines.values("author_id"))


def visible_topics():
    """Topics a story readers may see carries: a tag made with a scheduled story has no
    page and no feeds until the story goes live."""
    tagged = ArticleTag.objects.filter(content_object__in=ArticlePage.objects.visible_to_readers())
    return Tag.objects.filter(pk__in=tagged.values("tag_id"))
