"""Which paths show a page: the answers of every app's `newsdesk_cached_paths` hook.

An app that shows stories declares where, in its wagtail_hooks.py:

    @hooks.register("newsdesk_cached_paths")
    def my_paths(page):
        return ["/my/listing/"]  # paths on the page's own site, for any page it shows

Each hook gets the specific page, as the database has it at that moment, and returns
an iterable of paths (query strings are not needed: a purge covers them all).
"""

from wagtail import hooks

HOOK_NAME = "newsdesk_cached_paths"


def paths_showing(page):
    paths = set()
    for hook in hooks.get_hooks(HOOK_NAME):
        paths.update(hook(page))
    return paths
