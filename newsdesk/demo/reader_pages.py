"""One address for each kind of page a reader meets, found in a loaded demo newsroom.

What tests/html/test_nu_checker.py validates and bench/lighthouse.py audits. A new kind of
reader page is added here once, and both look at it.
"""

from django.urls import reverse
from taggit.models import Tag

from newsdesk.about.models import CorrectionsPage, InfoPage
from newsdesk.comments.models import Comment
from newsdesk.comments.notifications import unsubscribe_token
from newsdesk.live.models import LiveBlogPage, LiveChannel
from newsdesk.news.models import ArticlePage, Author, SectionPage

# A topic whose name is written in lower case in the demo, with more than one word.
TOPIC = "local-government"


def reader_pages():
    """{name: path} of every kind of reader page, each a whole document."""
    article = stories(ArticlePage.Kicker.NEWS).filter(audio__isnull=False).first()
    article = article or stories(ArticlePage.Kicker.NEWS).first()
    opinion = stories(ArticlePage.Kicker.OPINION).filter(lead_image__isnull=False).first()
    opinion = opinion or stories(ArticlePage.Kicker.OPINION).first()
    commented = commented_story()
    channel = LiveChannel.objects.first()
    return {
        "front": "/",
        "section with subsections": SectionPage.objects.get(slug="news").url,
        "subsection": SectionPage.objects.get(slug="us").url,
        "section, page 2": SectionPage.objects.get(slug="news").url + "?page=2",
        "article": article.url,
        "opinion": opinion.url,
        "analysis": stories(ArticlePage.Kicker.ANALYSIS).first().url,
        "live blog": LiveBlogPage.objects.live().public().first().url,
        "live index": reverse("live:index"),
        "live channel": channel.get_absolute_url(),
        "Audio Only": channel.listen_url,
        "author": Author.objects.filter(bylines__isnull=False).first().get_absolute_url(),
        "topic": reverse("news:topic", args=[Tag.objects.get(slug=TOPIC).slug]),
        "search": reverse("search:search"),
        "search results": reverse("search:search") + "?q=harbour",
        "no search results": reverse("search:search") + "?q=zzzzqqq",
        "comments page": reverse("comments:thread", args=[commented.pk]),
        "unsubscribe": reverse(
            "comments:unsubscribe", args=[unsubscribe_token(Comment.objects.first())]
        ),
        "not found": "/no-such-page/",
        "policy page": InfoPage.objects.get(slug="ethics").url,
        "corrections": CorrectionsPage.objects.get().url,
    }


def reader_fragments():
    """{name: path} of the pieces of pages that scripts fetch and insert."""
    commented = commented_story()
    uncommented = stories(ArticlePage.Kicker.NEWS).exclude(reader_comments__isnull=False).first()
    return {
        "comments": reverse("comments:fragment", args=[commented.pk]),
        "no comments yet": reverse("comments:fragment", args=[uncommented.pk]),
    }


def commented_story():
    return Comment.objects.approved().filter(page__live=True).first().page


def stories(kicker):
    return (
        ArticlePage.objects.live()
        .public()
        .exact_type(ArticlePage)
        .filter(kicker=kicker)
        .order_by("-first_published_at")
    )
