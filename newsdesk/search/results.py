"""A page of search results, made ready for the template: each story as listings fetch it
(ArticlePage.objects.for_listing(): its kicker, byline and photo), with its title and
snippet marked, in a fixed number of queries.
"""

from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from newsdesk.feeds.stories import listed_authors
from newsdesk.news.models import ArticlePage, Author

from .conf import search_settings
from .highlight import highlight, snippet


@dataclass(frozen=True)
class Hit:
    story: ArticlePage
    title: SafeString
    snippet: SafeString
    authors: list[Author]


def results_page(results, number):
    """The requested page of results and a notice when that page does not exist."""
    paginator = Paginator(results, search_settings.RESULTS_PER_PAGE)
    try:
        return paginator.page(number or 1), None
    except PageNotAnInteger:
        return paginator.page(1), gettext(
            "There is no page “%(number)s” of results; this is the first."
        ) % {"number": number}
    except EmptyPage:
        last = paginator.page(paginator.num_pages)
        return last, gettext("There is no page %(number)s of results; this is page %(last)s.") % {
            "number": number,
            "last": last.number,
        }


def hits(stories, terms):
    """The stories of one results page, in order, with what each result shows."""
    ids = [story.pk for story in stories]
    # As listed elsewhere, so a result's kicker and byline read as a teaser's do.
    loaded = ArticlePage.objects.for_listing().filter(pk__in=ids).in_bulk()
    stories = [loaded[pk] for pk in ids if pk in loaded]
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
            authors=listed_authors(story),
        )
        for story in stories
    ]


def summary(count, words, query, found):
    """One line above the results: how many, for what, in which order."""
    # Whole sentences, so each language can order its words as it must.
    values = {"count": count, "words": words}
    if words and query.has_filters:
        line = (
            ngettext(
                "%(count)s story matches “%(words)s” with these filters.",
                "%(count)s stories match “%(words)s” with these filters.",
                count,
            )
            if count
            else gettext("No stories match “%(words)s” with these filters.")
        )
    elif words:
        line = (
            ngettext(
                "%(count)s story matches “%(words)s”.",
                "%(count)s stories match “%(words)s”.",
                count,
            )
            if count
            else gettext("No stories match “%(words)s”.")
        )
    elif query.has_filters:
        line = (
            ngettext(
                "%(count)s story with these filters.",
                "%(count)s stories with these filters.",
                count,
            )
            if count
            else gettext("No stories with these filters.")
        )
    else:
        line = (
            ngettext("%(count)s story.", "%(count)s stories.", count)
            if count
            else gettext("No stories.")
        )
    line %= values
    if count > 1 and query.terms:
        line += " " + (gettext("Best match first.") if found.ranked else gettext("Newest first."))
    return line
