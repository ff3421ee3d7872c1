"""A page of search results, made ready for the template: each story with its section,
byline and marked title and snippet, fetched in a fixed number of queries.

Sections and bylines are read the way the feeds read them (newsdesk.feeds.stories).
"""

from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.safestring import SafeString

from newsdesk.feeds.stories import listed_authors, sections_by_story
from newsdesk.news.models import ArticlePage, Author, SectionPage

from .conf import search_settings
from .highlight import highlight, snippet


@dataclass(frozen=True)
class Hit:
    story: ArticlePage
    title: SafeString
    snippet: SafeString
    section: SectionPage | None
    authors: list[Author]


def results_page(results, number):
    """The requested page of results and a notice when that page does not exist."""
    paginator = Paginator(results, search_settings.RESULTS_PER_PAGE)
    try:
        return paginator.page(number or 1), None
    except PageNotAnInteger:
        return paginator.page(1), f"There is no page “{number}” of results; this is the first."
    except EmptyPage:
        last = paginator.page(paginator.num_pages)
        return last, f"There is no page {number} of results; this is page {last.number}."


def hits(stories, terms):
    """The stories of one results page, in order, with what each result shows."""
    ids = [story.pk for story in stories]
    loaded = (
        ArticlePage.objects.filter(pk__in=ids)
        .select_related("lead_image")
        .prefetch_related("bylines__author", "lead_image__renditions")
        .in_bulk()
    )
    stories = [loaded[pk] for pk in ids if pk in loaded]
    sections = sections_by_story(stories)
    body_field = ArticlePage._meta.get_field("body")
    return [
        Hit(
            story=story,
            title=highlight(story.title, terms),
            snippet=snippet(
                " ".join([story.standfirst, *body_field.get_searchable_content(story.body)]),
                terms,
                fallback=story.standfirst,
            ),
            section=sections.get(story.pk),
            authors=listed_authors(story),
        )
        for story in stories
    ]


def summary(count, words, query, found):
    """One line above the results: how many, for what, in which order."""
    if words:
        matched = {0: "No stories match", 1: "1 story matches"}.get(count, f"{count} stories match")
        line = f"{matched} “{words}”"
    else:
        line = {0: "No stories", 1: "1 story"}.get(count, f"{count} stories")
    if query.has_filters:
        line += " with these filters"
    line += "."
    if count > 1 and query.terms:
        line += " Best match first." if found.ranked else " Newest first."
    return line
