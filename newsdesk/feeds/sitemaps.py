"""The sitemaps: every live page (paged), author and topic pages, and Google News.

All are Wagtail Sitemaps, so every URL is on the Wagtail site's own address, as page
URLs are. The views pass the classes, so each request gets its own instance and the
request kept on it is never shared.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from taggit.models import Tag
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from newsdesk.core.visibility import visible_to_readers
from newsdesk.news.models import ArticlePage, Author

from .conf import feed_settings
from .stories import site_name


class PagesSitemap(WagtailSitemap):
    """Every live, public page of the site: the front page, sections and stories."""

    @property
    def limit(self):
        return feed_settings.SITEMAP_PAGE_SIZE

    def items(self):
        root = self.get_wagtail_site().root_page.localized  # the edition's front page
        pages = visible_to_readers(Page.objects.descendant_of(root, inclusive=True))
        return pages.order_by("path").defer_streamfields().specific()

    def get_latest_lastmod(self):
        # Django would load every page to find the newest; the database can tell.
        root = self.get_wagtail_site().root_page.localized
        pages = visible_to_readers(Page.objects.descendant_of(root, inclusive=True))
        return pages.aggregate(latest=Max("last_published_at"))["latest"]

    def _urls(self, page, protocol, domain):
        """Each page's URL with its translations in the other editions (xhtml:link)."""
        pages = list(self.paginator.page(page).object_list)
        translations = translations_by_key(pages)
        urls = []
        for item in pages:
            alternates = [
                {"lang_code": code, "location": other.get_full_url(self.request)}
                for code, other in translations.get(item.translation_key, [])
            ]
            if len(alternates) < 2:
                alternates = []
            elif alternates:
                alternates.append({"lang_code": "x-default", "location": alternates[0]["location"]})
            for url_info in item.get_sitemap_urls(self.request):
                urls.append({**url_info, "alternates": alternates})
        lastmods = {url.get("lastmod") for url in urls}
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def translations_by_key(pages):
    """{translation key: [(language code, page)...]} of the pages' versions readers may
    see, the default edition's first, in one query."""
    keys = {page.translation_key for page in pages}
    found = visible_to_readers(Page.objects.filter(translation_key__in=keys)).select_related(
        "locale"
    )
    order = [code for code, _ in settings.LANGUAGES]
    grouped = {}
    for other in found:
        grouped.setdefault(other.translation_key, []).append((other.locale.language_code, other))
    for versions in grouped.values():
        versions.sort(key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order))
    return grouped


class ItemSitemap(WagtailSitemap):
    """A sitemap of things that are not pages: each item's URL comes from url_for()."""

    @property
    def limit(self):
        return feed_settings.SITEMAP_PAGE_SIZE

    def url_for(self, item):
        raise NotImplementedError

    def location(self, item):
        return self.get_wagtail_site().root_url + self.url_for(item)

    def url_info(self, item):
        return {"item": item, "location": self.location(item), "lastmod": self.lastmod(item)}

    def _urls(self, page, protocol, domain):
        urls = [self.url_info(item) for item in self.paginator.page(page).object_list]
        self.latest_lastmod = max((url["lastmod"] for url in urls), default=None)
        return urls


def live_stories():
    return ArticlePage.objects.visible_to_readers()


class AuthorsSitemap(ItemSitemap):
    """The pages of authors with at least one live story."""

    def items(self):
        # One join and GROUP BY; a subquery per author is slow on PostgreSQL.
        return (
            Author.objects.filter(bylines__page__in=live_stories())
            .annotate(newest_story=Max("bylines__page__last_published_at"))
            .order_by("pk")
        )

    def url_for(self, author):
        return author.get_absolute_url()

    def lastmod(self, author):
        return author.newest_story

    def get_latest_lastmod(self):
        stories = live_stories().filter(bylines__isnull=False)
        return stories.aggregate(latest=Max("last_published_at"))["latest"]


class TopicsSitemap(ItemSitemap):
    """The pages of topics with at least one live story."""

    def items(self):
        return (
            Tag.objects.filter(news_articletag_items__content_object__in=live_stories())
            .annotate(newest_story=Max("news_articletag_items__content_object__last_published_at"))
            .order_by("pk")
        )

    def url_for(self, topic):
        return reverse("news:topic", args=[topic.slug])

    def lastmod(self, topic):
        return topic.newest_story

    def get_latest_lastmod(self):
        stories = live_stories().filter(tagged_items__isnull=False)
        return stories.aggregate(latest=Max("last_published_at"))["latest"]


class NewsSitemap(ItemSitemap):
    """Google News: stories first published in the last NEWS_SITEMAP_HOURS, newest first.

    Its template, feeds/news_sitemap.xml, shows each story's title and publication date
    and the publication's name and language.
    """

    template_name = "feeds/news_sitemap.xml"

    @property
    def limit(self):
        return feed_settings.NEWS_SITEMAP_LIMIT

    def items(self):
        since = timezone.now() - timedelta(hours=feed_settings.NEWS_SITEMAP_HOURS)
        stories = (
            ArticlePage.objects.descendant_of(self.get_wagtail_site().root_page.localized)
            .visible_to_readers()
            .filter(first_published_at__gte=since)
            .defer_streamfields()
            .order_by("-first_published_at", "-pk")
        )
        return stories[: feed_settings.NEWS_SITEMAP_LIMIT]

    def location(self, story):
        return story.get_full_url(self.request)

    def lastmod(self, story):
        return story.last_published_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]

    def url_info(self, story):
        publication = {
            "name": site_name(self.get_wagtail_site()),
            "language": news_language(get_language()),  # the edition's
        }
        return {**super().url_info(story), "publication": publication}


def news_language(language_code):
    """Google News wants an ISO 639 code; only Chinese keeps its script: zh-cn, zh-tw."""
    code = language_code.lower()
    if code.startswith("zh"):
        return "zh-tw" if code in {"zh-tw", "zh-hant", "zh-hk"} else "zh-cn"
    return code.split("-")[0]


SITEMAPS = {
    "pages": PagesSitemap,
    "authors": AuthorsSitemap,
    "topics": TopicsSitemap,
    "news": NewsSitemap,
}
