"""What a change purges, by tag, wired to Wagtail's and Django's signals in apps.ready().

A page: the tags its change invalidates (metadata.tags_invalidated_by: its own tag, and
what each app adds, such as the listings a story is in) as the database had it just
before a publish or unpublish saved its row (pre_save, when the live revision changes),
or before a move, together with those it has after. Deleting a live page unpublishes it
first, with the database still intact, so there "before" is "now". Scheduling changes
nothing public, so it purges nothing; the scheduled publish does. What a reader must not
get again, once (an unpublished page, one made private), is purged hard: dropped, not
made stale.

Any other model purges its tags when it is saved or deleted once an app asks for it with
`purge_on_change(Model)` (the site's settings, the banner, authors...). A site's change
purges everything. Purges run once the transaction commits.
"""

from functools import partial

from asgiref.local import Local
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page

from .metadata import tags_invalidated_by
from .purge import default_site, is_purging, purge_everything, purge_paths, purge_tags

# Tags a page's change invalidated before its publish or unpublish, by page id, from
# pre_save to the signal that follows it in the same thread.
tags_before = Local()


def purge_on_change(model):
    """Purge the tags of an instance of `model` when one is saved or deleted."""
    post_save.connect(purge_instance_on_change, sender=model)
    post_delete.connect(purge_instance_on_change, sender=model)


def purge_instance_on_change(sender, instance, raw=False, **kwargs):
    if raw or not is_purging():
        return
    transaction.on_commit(partial(purge_tags, tags_invalidated_by(instance)))


def remember_tags_before_publishing(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or update_fields is not None or instance.pk is None or not is_purging():
        return
    saved = Page.objects.filter(pk=instance.pk).values_list("live", "live_revision_id").first()
    if saved is None or saved == (instance.live, instance.live_revision_id):
        return  # new, or neither a publish nor an unpublish: nothing public changes
    was_live = saved[0]
    model = instance.specific_class or type(instance)
    before = model.objects.get(pk=instance.pk) if was_live else None
    remembered(instance.pk, tags_invalidated_by(before) if before else set())


def remembered(page_id, tags=None):
    """Store the tags for a page, or (without tags) take them back out."""
    store = getattr(tags_before, "by_page", None)
    if store is None:
        store = tags_before.by_page = {}
    if tags is None:
        return store.pop(page_id, None)
    store[page_id] = tags
    return tags


def purge_changed_page(sender, instance, **kwargs):
    """page_published and page_unpublished."""
    if not is_purging():
        return
    page = instance.specific
    before = remembered(page.pk)
    # Not live now: unpublished (before says what showed it), or a draft scheduled for
    # later (nothing showed it, nothing does).
    after = tags_invalidated_by(page) if page.live else set()
    if before is None:
        before = after  # no publish saved the row: the database shows what readers saw
    transaction.on_commit(partial(purge_tags, before | after, hard=not page.live))
    # What the page's own address answered before (a 404, say, carries no tag of it).
    if paths := own_paths(page):
        transaction.on_commit(partial(purge_paths, paths, page.get_site()))


def own_paths(page):
    parts = page.get_url_parts()
    if not parts or not parts[2]:
        return []
    return [parts[2] + extra.lstrip("/") for extra in page.get_cached_paths()]


def purge_before_move(sender, instance, url_path_before, url_path_after, **kwargs):
    if is_purging() and instance.live and url_path_before != url_path_after:
        purge_moved_page(instance.specific)


def purge_after_move(sender, instance, url_path_before, url_path_after, **kwargs):
    remembered(instance.pk)  # the move's own save, which is no publish
    if is_purging() and instance.live and url_path_before != url_path_after:
        purge_moved_page(instance.specific_class.objects.get(pk=instance.pk))


def purge_moved_page(page):
    """Every page below a moved one has a new URL, shown wherever they are linked."""
    if page.numchild:
        transaction.on_commit(purge_everything)
    else:
        transaction.on_commit(partial(purge_tags, tags_invalidated_by(page)))


def purge_restricted_page(sender, instance, **kwargs):
    """A page made private, or public again, with its subtree."""
    if not is_purging():
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None or page.numchild:
        transaction.on_commit(purge_everything)
    else:
        tags = tags_invalidated_by(page.specific)
        transaction.on_commit(partial(purge_tags, tags, hard=True))


def purge_everything_on_change(sender, **kwargs):
    """For what every page depends on: the sites."""
    if is_purging():
        transaction.on_commit(purge_everything)


def purge_redirected_path(sender, instance, **kwargs):
    """A redirect replaces what its old path answered (often a cached 404). Wagtail keeps
    old paths without their trailing slash; readers may ask with one."""
    if is_purging():
        paths = [instance.old_path, instance.old_path.rstrip("/") + "/"]
        site = instance.site or default_site()
        transaction.on_commit(partial(purge_paths, paths, site))
