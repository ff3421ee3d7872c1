"""What a change purges, wired to Wagtail's and Django's signals in apps.ready().

A story: the paths that showed it before the change plus those that show it after. The
"before" is read from the database just before a publish or unpublish saves the story's
row (pre_save, when the live revision changes), or before a move. Deleting a live story
unpublishes it first, with the database still intact, so there "before" is "now".
Scheduling changes nothing public, so it purges nothing; the scheduled publish does.

Anything else every page shows (a section in the navigation, the front page, the
breaking-news banner, an author's name, the site's settings) purges everything.
Purges run once the transaction commits.
"""

from functools import partial

from asgiref.local import Local
from django.db import transaction
from wagtail.models import Page

from newsdesk.news.models import ArticlePage

from .purge import default_site, is_purging, purge_everything, purge_paths
from .registry import paths_showing
from .stories import is_in_breaking_banner

# Paths that showed a story before its publish or unpublish, by page id, from pre_save
# to the signal that follows it in the same thread.
paths_before = Local()


def remember_paths_before_publishing(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or update_fields is not None or instance.pk is None or not is_purging():
        return
    if not issubclass(instance.specific_class or type(instance), ArticlePage):
        return
    saved = Page.objects.filter(pk=instance.pk).values_list("live", "live_revision_id").first()
    if saved is None or saved == (instance.live, instance.live_revision_id):
        return  # new, or neither a publish nor an unpublish: nothing public changes
    was_live = saved[0]
    before = instance.specific_class.objects.get(pk=instance.pk) if was_live else None
    remembered(instance.pk, paths_showing(before) if before else set())


def remembered(page_id, paths=None):
    """Store the paths for a page, or (without paths) take them back out."""
    store = getattr(paths_before, "by_page", None)
    if store is None:
        store = paths_before.by_page = {}
    if paths is None:
        return store.pop(page_id, None)
    store[page_id] = paths
    return paths


def purge_changed_page(sender, instance, **kwargs):
    """page_published and page_unpublished."""
    if not is_purging():
        return
    page = instance.specific
    before = remembered(page.pk)
    if not isinstance(page, ArticlePage) or is_in_breaking_banner(page):
        transaction.on_commit(purge_everything)
        return
    # Not live now: unpublished (before says what showed it), or a draft scheduled for
    # later (nothing showed it, nothing does).
    after = paths_showing(page) if page.live else set()
    if before is None:
        before = after  # no publish saved the row: the database shows what readers saw
    transaction.on_commit(partial(purge_paths, before | after, page.get_site()))


def purge_before_move(sender, instance, url_path_before, url_path_after, **kwargs):
    if is_purging() and instance.live and url_path_before != url_path_after:
        purge_page_or_everything(instance.specific)


def purge_after_move(sender, instance, url_path_before, url_path_after, **kwargs):
    remembered(instance.pk)  # the move's own save, which is no publish
    if is_purging() and instance.live and url_path_before != url_path_after:
        purge_page_or_everything(instance.specific_class.objects.get(pk=instance.pk))


def purge_page_or_everything(page):
    if isinstance(page, ArticlePage):
        transaction.on_commit(partial(purge_paths, paths_showing(page), page.get_site()))
    else:
        transaction.on_commit(purge_everything)


def purge_everything_on_change(sender, **kwargs):
    """For what every page shows: the site's settings, the banner, authors, sites."""
    if is_purging():
        transaction.on_commit(purge_everything)


def purge_redirected_path(sender, instance, **kwargs):
    """A redirect replaces what its old path answered (often a cached 404). Wagtail keeps
    old paths without their trailing slash; readers may ask with one."""
    if is_purging():
        paths = [instance.old_path, instance.old_path.rstrip("/") + "/"]
        site = instance.site or default_site()
        transaction.on_commit(partial(purge_paths, paths, site))
