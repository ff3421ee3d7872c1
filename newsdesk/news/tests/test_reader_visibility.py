"""Stories readers may not see (behind a login or a password, scheduled, past their
expiry) placed everywhere a story can be shown: the front page's lead and top stories,
section blocks and listings, editors' picks, RELATED blocks, the breaking-news banner,
author and topic pages, live blog teasers, feeds, sitemaps, search, the API. Every reader
URL (crawl.py) is walked and none shows their headlines."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from newsdesk.core.models import BreakingNews
from newsdesk.live.tests.factories import LiveBlogFactory, LiveChannelFactory
from newsdesk.multimedia.tests.factories import AudioClipFactory
from newsdesk.news.models import ArticleRelatedLink, HomeTopStory
from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory, site_home

from .crawl import Words, leaks

pytestmark = pytest.mark.django_db


def login_only(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def password_only(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )


def scheduled(page):
    page.live = False
    page.go_live_at = timezone.now() + timedelta(hours=3)
    page.save()


def expired(page):
    """Past its expiry time, before the scheduler has taken it down (live is still set)."""
    page.expire_at = timezone.now() - timedelta(minutes=1)
    page.save()


HIDDEN = {
    "Members-only: Larkspur ferry contract": login_only,
    "Password: Gorsebrook quarry report": password_only,
    "Scheduled: Thistlewood school merger": scheduled,
    "Expired: Marrowbay festival offer": expired,
}
VISIBLE = "Harbour council votes on the sea wall"


@pytest.fixture
def reporter(db):
    return AuthorFactory(name="Ana Ruiz", slug="ana-ruiz")


def story(section, reporter, title, factory=ArticleFactory, **fields):
    page = factory(
        parent=section, title=title, authors=[reporter], audio=AudioClipFactory(), **fields
    )
    page.tags.add("flooding")
    page.save()
    return page


@pytest.fixture
def hidden(us_section, reporter):
    """Each kind of hidden story, plus a restricted live blog that is running."""
    pages = {title: story(us_section, reporter, title) for title in HIDDEN}
    blog_title = "Members-only live: Pinecrest storm"
    blog = story(us_section, reporter, blog_title, factory=LiveBlogFactory)
    login_only(blog)
    for title, hide in HIDDEN.items():
        hide(pages[title])
    return {**pages, blog_title: blog}


@pytest.fixture
def visible(us_section, reporter, hidden):
    """A live story that picks each hidden one, and links each in a RELATED block."""
    related_blocks = [("related", {"label": "Related", "story": page}) for page in hidden.values()]
    page = story(us_section, reporter, VISIBLE, body=related_blocks)
    for position, pick in enumerate(hidden.values()):
        ArticleRelatedLink.objects.create(page=page, story=pick, sort_order=position)
    home = site_home()
    for position, pick in enumerate(hidden.values()):
        HomeTopStory.objects.create(page=home, story=pick, sort_order=position)
    LiveChannelFactory()
    return page


def test_no_reader_url_shows_a_hidden_story(client, hidden, visible):
    words = Words(search="flooding", page_id=next(iter(hidden.values())).pk)
    found = leaks(client, words, [*hidden, VISIBLE])
    leaked = {url: hits for url, (_, hits) in found.items() if set(hits) - {VISIBLE}}
    assert leaked == {}
    shown = set(found)  # the visible story is found, so the places were really looked at
    assert {"/", "/news/us/", visible.url, "/authors/ana-ruiz/", "/feeds/audio/rss/"} <= shown


@pytest.mark.parametrize("title", [*HIDDEN, "Members-only live: Pinecrest storm"])
def test_a_hidden_story_never_leads_the_front_page_nor_the_breaking_banner(
    client, hidden, visible, title
):
    home = site_home()
    home.lead_story = hidden[title]
    home.save()
    site = Site.objects.get(is_default_site=True)
    BreakingNews.objects.update_or_create(
        site=site, defaults={"headline": "Ferry strike", "link": hidden[title]}
    )
    html = client.get("/").content.decode()
    assert title not in html
    assert hidden[title].url not in html  # the banner shows its headline without the link
    assert "Ferry strike" in html and VISIBLE in html


def test_a_live_story_with_a_scheduled_revision_stays_visible(client, us_section, reporter):
    page = story(us_section, reporter, VISIBLE)
    page.save_revision().publish()
    page.refresh_from_db()
    page.title = "Tomorrow's new headline"
    page.go_live_at = timezone.now() + timedelta(hours=3)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live and page.scheduled_revision
    for url in ("/", "/news/us/", page.url, "/feeds/rss/", "/topics/flooding/"):
        html = client.get(url).content.decode()
        assert VISIBLE in html, url
        assert "Tomorrow's new headline" not in html, url


@pytest.mark.parametrize("hide", HIDDEN.values(), ids=list(HIDDEN))
def test_a_topic_or_author_only_hidden_stories_carry_has_no_page_nor_feed(client, us_section, hide):
    newcomer = AuthorFactory(name="Ines Okafor", slug="ines-okafor")
    page = story(us_section, newcomer, "A story readers may not see yet")
    page.tags.add("Zelkova lease")
    page.save()
    hide(page)
    urls = ["/topics/zelkova-lease/", "/authors/ines-okafor/"]
    urls += [f"/feeds/topics/zelkova-lease/{kind}/" for kind in ("rss", "atom", "json")]
    urls += [f"/feeds/authors/ines-okafor/{kind}/" for kind in ("rss", "atom", "json")]
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)
    # Once a story readers may see carries them, they are there.
    seen = story(us_section, newcomer, VISIBLE)
    seen.tags.add("Zelkova lease")
    seen.save()
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)
