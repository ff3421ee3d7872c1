from django.contrib import messages
from django.shortcuts import redirect
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from newsdesk.multimedia.readers import READER_IMAGES_HOOK
from newsdesk.multimedia.renditions import RENDITION_SETS_HOOK, RenditionSet

from .models import ArticlePage, Author, SectionPage, visible_authors


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    list_display = ["name", "job_title", "slug"]
    search_fields = ["name", "job_title"]
    ordering = ["name"]


class TopicViewSet(SnippetViewSet):
    """Topics are taggit tags: editors can rename, merge by hand or remove unused ones here."""

    model = Tag
    icon = "tag"
    menu_label = "Topics"
    url_namespace = "topics"
    url_prefix = "topics"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug")]


class NewsroomViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, TopicViewSet)
    menu_icon = "group"
    menu_label = "Newsroom"
    menu_name = "newsroom"


register_snippet(NewsroomViewSetGroup)


@hooks.register("before_delete_page")
def refuse_to_delete_a_section_with_stories(request, page):
    """Deleting a section would delete its stories with it: they must be moved first."""
    if not isinstance(page.specific, SectionPage):
        return None
    stories = ArticlePage.objects.descendant_of(page).count()
    if not stories:
        return None
    messages.error(
        request,
        f"“{page.title}” still holds {stories} stories. Move them to another section "
        "(or delete them one by one) before deleting the section.",
    )
    return redirect("wagtailadmin_explore", page.pk)


@hooks.register("before_bulk_action")
def refuse_to_bulk_delete_sections_with_stories(request, action_type, objects, action_class):
    if action_type != "delete":
        return None
    for page in objects:
        response = refuse_to_delete_a_section_with_stories(request, page)
        if response:
            return response
    return None


@hooks.register(READER_IMAGES_HOOK)
def author_portraits():
    """An author's portrait is on their page, which exists once a story of theirs is out."""
    return visible_authors().values("photo_id")


@hooks.register("newsdesk_purge_tags")
def listing_tags(obj):
    """A story's publish changes the listings it is in (ArticleQuerySet.below, by_author,
    on_topics): those of every page above it, of its authors and of its topics."""
    if not isinstance(obj, ArticlePage):
        return []
    ancestors = obj.get_ancestors().values_list("pk", flat=True)
    return [
        *(f"list-page-{pk}" for pk in ancestors),
        *(f"list-author-{author.pk}" for author in obj.authors),
        *(f"list-topic-{tag.pk}" for tag in obj.tags.all()),
    ]


def author_photo_ids():
    return Author.objects.values("photo_id")


@hooks.register(RENDITION_SETS_HOOK)
def story_renditions():
    """Teasers (components/teaser.html), the lead photo (components/lead_photo.html), the
    writer's face in bylines and columns, the portrait on an author's page."""
    return [
        RenditionSet.of("teaser_large", "fill-{400x225,640x360,800x450,1200x675}", "format-webp"),
        RenditionSet.of("teaser_small", "fill-{200x113,320x180,640x360}", "format-webp"),
        RenditionSet.of(
            "lead_photo", "format-{webp,jpeg}", "fill-{480x270,800x450,1200x675,1600x900}"
        ),
        RenditionSet.of(
            "byline_face", "fill-{64x64,128x128}", "format-webp", photos=author_photo_ids
        ),
        RenditionSet.of("author_portrait", "fill-160x160", photos=author_photo_ids),
        RenditionSet.of(
            "writer_mark", "fill-{64x64,128x128,192x192}", "format-webp", photos=author_photo_ids
        ),
    ]
