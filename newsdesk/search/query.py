"""Finding stories: the reader's words and filters turned into a Wagtail search.

Only live, public stories are searched: drafts, scheduled (embargoed) stories and
stories behind a view restriction never appear. The database backend searches with
SQLite's FTS5 or PostgreSQL's full-text search, whichever the database is.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from wagtail.models import Page

from newsdesk.core.visibility import visible_to_readers
from newsdesk.news.models import ArticleByline, ArticlePage, Author, HomePage, SectionPage

from .conf import search_settings

# Words only: quotes, brackets and operators mean something to the full-text engines
# (an unbalanced quote is an error in SQLite's FTS5), so readers' punctuation is dropped.
WORD = re.compile(r"\w+")
SINGLE_LETTER = re.compile(r"[a-z]")


@dataclass(frozen=True)
class StoryQuery:
    terms: list[str] = field(default_factory=list)
    section: SectionPage | None = None
    author: Author | None = None
    kind: str = ""
    published_after: date | None = None
    published_before: date | None = None
    sort: str = "relevance"

    @classmethod
    def from_form(cls, form):
        """The valid part of a bound SearchForm: invalid fields are simply left out."""
        data = form.cleaned_data
        return cls(
            terms=search_terms(data.get("q", "")),
            section=data.get("section"),
            author=data.get("author"),
            kind=data.get("type") or "",
            published_after=data.get("published_after"),
            published_before=data.get("published_before"),
            sort=data.get("sort") or "relevance",
        )

    @property
    def has_filters(self):
        return any(
            (self.section, self.author, self.kind, self.published_after, self.published_before)
        )

    @property
    def is_empty(self):
        return not self.terms and not self.has_filters


def search_terms(query):
    """The words to look for, lower case (FTS5 reads AND, OR, NOT and NEAR as operators).

    Single Latin letters are left out: every story must hold every word, and the "a" of
    "a wall" or the "b" of a pasted <b> tag would hold back stories without adding meaning.
    """
    words = [word for word in WORD.findall(query.lower()) if not SINGLE_LETTER.fullmatch(word)]
    return words[: search_settings.MAX_TERMS]


@dataclass(frozen=True)
class Found:
    stories: object  # Wagtail's SearchResults, or an ArticlePage queryset without words
    ranked: bool  # best match first; otherwise newest first
    notice: str = ""


def find_stories(site, query):
    """Matching stories, best match or newest first; without words, newest first."""
    stories = filtered_stories(site, query)
    if not query.terms:
        return Found(stories, ranked=False)
    words = " ".join(query.terms)
    newest_first = stories.search(words, operator="and", order_by_relevance=False)
    if query.sort != "relevance":
        return Found(newest_first, ranked=False)
    limit = search_settings.MAX_RANKED_MATCHES
    if limit is not None and newest_first.count() > limit:
        notice = gettext(
            "More than %(limit)s stories match, too many to sort by best match, so the "
            "newest come first. More words narrow the search."
        ) % {"limit": number_format(limit, force_grouping=True)}
        return Found(newest_first, ranked=False, notice=notice)
    return Found(stories.search(words, operator="and"), ranked=True)


def find_pages(site, query):
    """Pages that are not stories (sections, the newsroom's policy and contact pages)
    holding every word, for a search by words alone."""
    if not query.terms or query.has_filters:
        return []
    pages = visible_to_readers(Page.objects.descendant_of(site.root_page.localized)).not_type(
        ArticlePage, HomePage
    )
    limit = search_settings.PAGE_MATCHES
    return list(pages.search(" ".join(query.terms), operator="and")[:limit])


def filtered_stories(site, query):
    """Stories of the site readers may see, narrowed by the query's filters, newest first."""
    root = query.section or site.root_page.localized
    stories = ArticlePage.objects.descendant_of(root).visible_to_readers()
    if query.author:
        bylines = ArticleByline.objects.filter(author=query.author)
        stories = stories.filter(id__in=bylines.values("page_id"))
    if query.kind:
        stories = stories.filter(kicker=query.kind)
    if query.published_after:
        stories = stories.filter(first_published_at__gte=start_of_day(query.published_after))
    if query.published_before:
        next_day = query.published_before + timedelta(days=1)
        stories = stories.filter(first_published_at__lt=start_of_day(next_day))
    return stories.order_by("-first_published_at", "-id")


def start_of_day(day):
    """Midnight at the start of `day` in the newsroom's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))
