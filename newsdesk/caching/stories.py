"""The news app's answer to "which pages show this story".

A story is shown by its own page, the section pages of its trail, the front page, the
pages of its authors and topics, the stories that link to it (editors' picks and inline
related blocks, found in Wagtail's reference index), and the stories that list it among
their newest "related by topic" stories. Called once with the database as it was before
a change and once after, the union is exactly what the change touched.
"""

from django.db.models import Q
from django.urls import reverse
from wagtail.models import Page, ReferenceIndex

from newsdesk.core.models import BreakingNews
from newsdesk.news.models import ArticlePage, section_trail


def story_paths(page):
    if not isinstance(page, ArticlePage):
        return set()
    return {
        *own_paths(page),
        *listing_paths(page),
        *(author.get_absolute_url() for author in page.authors),
        *(reverse("news:topic", args=[tag.slug]) for tag in page.tags.all()),
        *linking_story_paths(page),
        *related_by_topic_paths(page),
    }


def page_path(page):
    """The page's path on its own site, or None when it has no URL."""
    parts = page.get_url_parts()
    return parts[2] if parts and parts[2] else None


def own_paths(page):
    path = page_path(page)
    if path is None:
        return []
    return [path + extra.lstrip("/") for extra in page.get_cached_paths()]


def listing_paths(story):
    """The front page and every section above the story (each covers all its pages)."""
    site = story.get_site()
    pages = [*section_trail(story), *([site.root_page] if site else [])]
    return [path for path in map(page_path, pages) if path]


def linking_story_paths(story):
    """Live pages whose content refers to the story, by the reference index."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    source_ids = (
        ReferenceIndex.get_references_to(story)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=[int(pk) for pk in source_ids]).exclude(pk=story.pk)
    return [path for path in map(page_path, pages) if path]


def related_by_topic_paths(story):
    """Stories whose "related by topic" list holds this one.

    Such a list is the newest few live stories sharing a topic, so a story with five
    newer ones on a topic can not be listed by anything carrying that topic: those
    crowded topics rule out most candidates in a query or two. Each remaining candidate
    is checked with its own get_related_stories(), the code that builds its page.
    """
    if not story.live or story.first_published_at is None:
        return []
    tag_ids = {tag.pk for tag in story.tags.all()}
    crowded = {
        tag_id for tag_id in tag_ids if newer_on_topic(story, tag_id) > ArticlePage.RELATED_STORIES
    }
    candidates = (
        ArticlePage.objects.live()
        .public()
        .filter(tagged_items__tag_id__in=tag_ids - crowded)
        .exclude(tagged_items__tag_id__in=crowded)
        .exclude(pk=story.pk)
        .exclude(related_links__story__live=True)  # editors' picks replace the list
        .distinct()
    )
    return [
        path
        for candidate in candidates
        if story.pk in {related.pk for related in candidate.get_related_stories()}
        and (path := page_path(candidate))
    ]


def newer_on_topic(story, tag_id):
    """How many stories on the topic come before this one in listings (at most one more
    than a related list holds)."""
    newer = Q(first_published_at__gt=story.first_published_at) | Q(
        first_published_at=story.first_published_at, pk__gt=story.pk
    )
    stories = ArticlePage.objects.live().public().filter(newer, tagged_items__tag_id=tag_id)
    return stories.values("pk")[: ArticlePage.RELATED_STORIES + 1].count()


def is_in_breaking_banner(page):
    """The banner is on every page: a change to the story it links changes them all."""
    return any(banner.is_showing for banner in BreakingNews.objects.filter(link_id=page.pk))
