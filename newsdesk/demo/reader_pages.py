"""One address for each kind of page a reader meets, found in a loaded demo newsroom.

What tests/html/test_nu_checker.py validates, tests/browser/test_reader_layout.py lays out
and screenshots, and bench/lighthouse.py audits. A new kind of reader page is added here
once, and all three look at it.
"""

from urllib.parse import urlencode

from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Locale, Page

from newsdesk.about.models import CorrectionsPage, InfoPage
from newsdesk.comments.models import Comment
from newsdesk.comments.notifications import unsubscribe_token
from newsdesk.editions.models import TranslationState
from newsdesk.live.models import LiveBlogPage, LiveChannel
from newsdesk.news.models import ArticlePage, Author, HomePage, SectionPage

# A word each edition's demo stories use, for its search results page.
SEARCH_WORDS = {"es": "puerto", "ar": "الميناء"}
# A topic whose name is written in lower case in the demo, with more than one word.
TOPIC = "local-government"


def reader_pages():
    """{name: path} of every kind of reader page, each a whole document."""
    return {**{name: path() for name, path in READER_PAGES.items()}, **edition_pages()}


def article():
    found = stories(ArticlePage.Kicker.NEWS).filter(audio__isnull=False).first()
    return found or stories(ArticlePage.Kicker.NEWS).first()


def with_photo(kicker):
    """The newest story of that kind with a lead photo, else the newest of that kind."""
    found = stories(kicker).filter(lead_image__isnull=False).first()
    return found or stories(kicker).first()


def section(slug):
    return SectionPage.objects.get(slug=slug).url


def search(words=None):
    return reverse("search:search") + (f"?q={words}" if words else "")


# {name: a function giving its path}: the names are known before the database is.
READER_PAGES = {
    "front": lambda: "/",
    "section with subsections": lambda: section("news"),
    "subsection": lambda: section("us"),
    "section, page 2": lambda: section("news") + "?page=2",
    "article": lambda: article().url,
    "opinion": lambda: with_photo(ArticlePage.Kicker.OPINION).url,
    "analysis": lambda: with_photo(ArticlePage.Kicker.ANALYSIS).url,
    "live blog": lambda: LiveBlogPage.objects.live().public().first().url,
    "live index": lambda: reverse("live:index"),
    "live channel": lambda: default_edition_channel().get_absolute_url(),
    "Audio Only": lambda: default_edition_channel().listen_url,
    "author": lambda: Author.objects.filter(bylines__isnull=False).first().get_absolute_url(),
    "topic": lambda: reverse("news:topic", args=[Tag.objects.get(slug=TOPIC).slug]),
    "search": lambda: search(),
    "search results": lambda: search("harbour"),
    "no search results": lambda: search("zzzzqqq"),
    # The comments area loads into the article at once when the address names it.
    "article with comments": lambda: commented_story().url + "#comments",
    "article, no comments yet": lambda: uncommented_story().url + "#comments",
    "comments page": lambda: reverse("comments:thread", args=[commented_story().pk]),
    "unsubscribe": lambda: reverse(
        "comments:unsubscribe", args=[unsubscribe_token(Comment.objects.first())]
    ),
    "not found": lambda: "/no-such-page/",
    "policy page": lambda: InfoPage.objects.get(slug="ethics").url,
    "corrections": lambda: CorrectionsPage.objects.get().url,
}


def default_edition_channel():
    """The default edition's channel (each edition has its own)."""
    return LiveChannel.objects.of_edition(Locale.get_default()).first()


def edition_pages():
    """The other editions' pages: front page, section, a story of their own, a
    translation, the out-of-date translation (with its notice), search results."""
    pages = {}
    for code in ("es", "ar"):
        front = HomePage.objects.filter(locale__language_code=code).live().first()
        if front is None:
            continue
        stories_here = ArticlePage.objects.filter(locale=front.locale).live()
        own = stories_here.exclude(translation_key__in=translated_keys(front.locale))
        pages |= {
            f"{code} front": front.url,
            f"{code} section": SectionPage.objects.filter(locale=front.locale).live().first().url,
            f"{code} article": own.first().url,
            f"{code} translation": stories_here.filter(
                translation_key__in=translated_keys(front.locale)
            )
            .first()
            .url,
            f"{code} search results": front.url + "search/?" + urlencode({"q": SEARCH_WORDS[code]}),
        }
    stale = TranslationState.objects.filter(stale_since__isnull=False).first()
    if stale is not None:
        pages["stale translation"] = stale.translation.url
    return pages


def translated_keys(locale):
    """Translation keys the edition shares with the default edition's pages."""
    return Page.objects.exclude(locale=locale).values("translation_key")


def reader_fragments():
    """{name: path} of the pieces of pages that scripts fetch and insert."""
    return {
        "comments": reverse("comments:fragment", args=[commented_story().pk]),
        "no comments yet": reverse("comments:fragment", args=[uncommented_story().pk]),
    }


def commented_story():
    return Comment.objects.approved().filter(page__live=True).first().page


def uncommented_story():
    return stories(ArticlePage.Kicker.NEWS).exclude(reader_comments__isnull=False).first()


def stories(kicker):
    return (
        ArticlePage.objects.live()
        .public()
        .exact_type(ArticlePage)
        .filter(kicker=kicker)
        .order_by("-first_published_at")
    )
