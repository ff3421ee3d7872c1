"""Loads the demo newsroom in content/ into the default site, in one transaction.

Stories are created as drafts first, so that related blocks and editors' picks can point at
any other story, then filled in and published through Wagtail, then backdated. Photo files
are not covered by the transaction, so a failed load removes the ones it wrote.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.html import escape
from modelsearch import index as search_index
from modelsearch import signal_handlers as search_signals
from wagtail.models import Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from newsdesk.comments.demo import add_demo_comments
from newsdesk.live.demo import add_demo_channel, add_demo_live_blog
from newsdesk.news.models import ArticleByline, ArticlePage, ArticleRelatedLink, Author, SectionPage
from newsdesk.users import roles

from . import content, images
from .content.schema import BulletList, InBodyPhoto, PullQuote, Quote, Related, Subheading
from .editions import add_editions
from .info_pages import add_info_pages

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "newsdesk-demo"
CONTRIBUTOR_DESK = "News desk"
# One account per newsroom role, all with the demo password: (username, role).
DEMO_ACCOUNTS = [
    (ADMIN_USERNAME, "Admin"),
    ("editor", "Editor"),
    ("contributor", f"Contributor ({CONTRIBUTOR_DESK})"),
    ("moderator", "Moderator (comments)"),
]


@dataclass
class Summary:
    sections: int
    articles: int
    authors: int
    photos: int
    admin_created: bool
    accounts_created: int = 0


def admin_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"


def has_content():
    return ArticlePage.objects.exists()


def load(now=None):
    """Load everything and return a Summary; the database is left untouched on failure."""
    photos = PhotoStore()
    try:
        with transaction.atomic():
            with disable_reference_index_auto_update(), searchable_at_the_end():
                summary = load_all(now or timezone.now(), photos)
            index_references()
            return summary
    except BaseException:
        photos.delete_files()
        raise


def index_references():
    """What links to what (the photos readers may fetch follow it: multimedia/readers.py),
    indexed once the newsroom is whole. Left to Wagtail's per-save tasks, the load would
    queue a thousand, some for bylines that later saves replaced: failures in the worker."""
    call_command("rebuild_references_index", verbosity=0)


@contextmanager
def searchable_at_the_end():
    """Each object the load saves indexed for search once, in the load's transaction: the
    demo is searchable as soon as it is loaded, and the worker is not handed a task for
    every save (three hundred, many for a page saved again a moment later)."""
    saved = set()

    def remember(sender, instance, raw=False, **kwargs):
        saved.add((sender, instance.pk))

    models = [
        m for m in search_index.get_indexed_models() if getattr(m, "search_auto_update", True)
    ]
    for model in models:
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
        post_save.connect(remember, sender=model, weak=False)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(remember, sender=model)
            post_save.connect(search_signals.post_save_signal_handler, sender=model)
    for model, pk in saved:
        instance = model.objects.filter(pk=pk).first()
        if instance is not None:
            search_index.insert_or_update_object(instance)


class PhotoStore:
    """Saves each content.Photo once and remembers the image, so a photo used twice is one image."""

    def __init__(self):
        self.images = {}

    def get(self, photo, name):
        if photo is None:
            return None
        if photo not in self.images:
            self.images[photo] = images.save_photo(photo, name)
        return self.images[photo]

    def delete_files(self):
        for image in self.images.values():
            image.file.delete(save=False)


def load_all(now, photos):
    site = Site.objects.get(is_default_site=True)
    point_site_at_admin_base_url(site)
    home = site.root_page.specific
    sections = create_sections(home)
    authors = {author.slug: create_author(author, photos) for author in content.AUTHORS}
    pages = {
        article.slug: create_draft(article, sections[article.section])
        for article in content.ARTICLES
    }
    for article in content.ARTICLES:
        fill_in(pages[article.slug], article, authors, pages, photos)
        pages[article.slug].save_revision().publish()
    for article in content.ARTICLES:
        backdate(pages[article.slug], article, now)
    add_comments(pages.values())
    add_demo_channel()
    add_demo_live_blog(sections["news"], now)
    home.lead_story = pages[content.LEAD_STORY]
    home.save_revision().publish()
    add_info_pages(home)
    add_editions(home, sections, pages, now)
    return Summary(
        sections=len(sections),
        articles=len(pages),
        authors=len(authors),
        photos=len(photos.images),
        admin_created=create_admin(),
        accounts_created=create_role_accounts(sections["news"]),
    )


def point_site_at_admin_base_url(site):
    """Share links and canonical URLs then name the address the demo is served on."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = address.hostname or site.hostname
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.site_name = "The Newsdesk"
    site.save()


def add_comments(pages):
    """Reader comments on two stories in three; the rest show the empty state."""
    commented = [page.pk for position, page in enumerate(pages) if position % 3]
    add_demo_comments(ArticlePage.objects.filter(pk__in=commented).order_by("pk"))


def create_sections(home):
    sections = {}
    for section in content.SECTIONS:
        parent = sections[section.parent] if section.parent else home
        sections[section.slug] = find_or_add_section(parent, section)
    return sections


def find_or_add_section(parent, section):
    existing = SectionPage.objects.child_of(parent).filter(slug=section.slug).first()
    if existing:
        return existing
    page = SectionPage(
        title=section.title, slug=section.slug, intro=section.intro, show_in_menus=True
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def create_author(author, photos):
    return Author.objects.create(
        name=author.name,
        slug=author.slug,
        job_title=author.job_title,
        bio=author.bio,
        x_handle=author.x_handle,
        photo=photos.get(author.photo, f"author-{author.slug}"),
    )


def create_draft(article, section):
    page = ArticlePage(title=article.headline, slug=article.slug, live=False)
    section.add_child(instance=page)
    return page


def fill_in(page, article, authors, pages, photos):
    page.kicker = article.kicker
    page.standfirst = article.standfirst
    page.lead_image = photos.get(article.photo, article.slug)
    page.body = [block_for(item, pages, photos, article.slug) for item in article.body]
    page.bylines = [ArticleByline(author=authors[slug]) for slug in article.authors]
    page.related_links = [ArticleRelatedLink(story=pages[slug]) for slug in article.related]
    page.tags.set(list(article.tags))


def block_for(item, pages, photos, slug):
    """The (block type, value) pair of the body block described by one content item."""
    match item:
        case str():
            return ("paragraph", paragraph(item))
        case Subheading(text):
            return ("subheading", text)
        case Quote(quote, speaker, role):
            return ("quote", {"quote": quote, "speaker": speaker, "role": role})
        case PullQuote(text, attribution):
            return ("pull_quote", {"text": text, "attribution": attribution})
        case InBodyPhoto(photo=photo, caption=caption, size=size):
            image = photos.get(photo, f"{slug}-inline")
            return ("photo", {"image": image, "caption": caption, "credit": "", "size": size})
        case BulletList(items=items, numbered=numbered):
            style = "numbered" if numbered else "bulleted"
            return ("list", {"style": style, "items": [paragraph(text) for text in items]})
        case Related(story, label):
            return ("related", {"label": label, "story": pages[story]})
    raise TypeError(f"No body block for {item!r}")


def paragraph(text):
    return f"<p>{escape(text)}</p>"


def backdate(page, article, now):
    """Publishing stamps every story with the time of the load; spread them over the past month."""
    first = now - timedelta(hours=article.hours_ago)
    last = first + timedelta(hours=article.updated_after_hours or 0)
    ArticlePage.objects.filter(pk=page.pk).update(
        first_published_at=first, last_published_at=last, latest_revision_created_at=last
    )


def create_admin():
    """Create the demo superuser unless a user of that name exists; True if it was created."""
    User = get_user_model()
    if User.objects.filter(username=ADMIN_USERNAME).exists():
        return False
    User.objects.create_superuser(ADMIN_USERNAME, "admin@example.com", ADMIN_PASSWORD)
    return True


def create_role_accounts(news_section):
    """An editor for the whole site, a contributor on the News desk and a comment
    moderator; the number created."""
    desk, _ = Group.objects.get_or_create(name=CONTRIBUTOR_DESK)
    roles.assign_desk(desk, news_section)
    groups = {
        "editor": [roles.editors()],
        "contributor": [roles.contributors(), desk],
        "moderator": [roles.moderators()],
    }
    User = get_user_model()
    created = 0
    for username, user_groups in groups.items():
        if User.objects.filter(username=username).exists():
            continue
        user = User.objects.create_user(username, f"{username}@example.com", ADMIN_PASSWORD)
        user.groups.add(*user_groups)
        created += 1
    return created


def demo_accounts():
    """The demo's role accounts that exist in this database, as (username, role)."""
    existing = set(
        get_user_model()
        .objects.filter(username__in=[name for name, _ in DEMO_ACCOUNTS])
        .values_list("username", flat=True)
    )
    return [(name, role) for name, role in DEMO_ACCOUNTS if name in existing]
