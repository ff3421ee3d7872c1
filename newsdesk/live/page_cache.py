"""Keeping the page cache (newsdesk.caching) true to live content: a live blog's page
changes with every update, and every page's header when a channel goes on or off air.
Readers with JavaScript catch up over the events stream anyway; these purges are for a
reload, and for readers without it."""

from functools import partial

from django.db import transaction

from newsdesk.caching.purge import is_purging, purge_everything, purge_paths


def purge_blog_on_commit(blog):
    parts = blog.get_url_parts() if is_purging() else None
    if parts is None:
        return
    _, _, path = parts
    transaction.on_commit(partial(purge_paths, [path], blog.get_site()), robust=True)


def purge_everything_on_commit(sender, **kwargs):
    """A channel's name and on-air state are in every page's header."""
    if is_purging():
        transaction.on_commit(purge_everything, robust=True)
