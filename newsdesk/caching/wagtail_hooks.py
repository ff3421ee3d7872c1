from django.apps import apps
from wagtail import hooks

from .registry import HOOK_NAME
from .stories import story_paths

hooks.register(HOOK_NAME, story_paths)

if apps.is_installed("newsdesk.feeds"):
    from .feeds import feed_paths

    hooks.register(HOOK_NAME, feed_paths)
