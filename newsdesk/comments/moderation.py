"""Which rules apply to an article's comments: open or closed, pre- or post-moderated.

The nearest CommentPolicy wins for moderation (article, then its section, then the
sections above); any closed policy on the way up closes the article. Site settings add
"require sign-in" and "close after N days"; conf.py gives the defaults.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from .conf import comment_settings
from .models import CommentPolicy, CommentSettings

PRE = CommentPolicy.Moderation.PRE
POST = CommentPolicy.Moderation.POST


@dataclass(frozen=True)
class CommentRules:
    # "article", "section" or "age" when comments are closed, else None.
    closed_by: str | None
    moderation: str
    require_sign_in: bool
    closes_at: object = None  # a datetime when comments close by age, else None

    @property
    def is_open(self):
        return self.closed_by is None


def ancestor_paths(page):
    """The treebeard paths of the page and every page above it: one query finds them all."""
    step = Page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


def policies_for(page):
    """The comment policies on the page and the pages above it, nearest first."""
    return list(
        CommentPolicy.objects.filter(page__path__in=ancestor_paths(page))
        .select_related("page")
        .order_by("-page__depth")
    )


def rules_for(page, site):
    site_settings = CommentSettings.for_site(site)
    policies = policies_for(page)
    moderation = next(
        (policy.moderation for policy in policies if policy.moderation),
        comment_settings.MODERATION,
    )
    closes_at = closing_time(page, site_settings)
    return CommentRules(
        closed_by=closed_by(page, policies, closes_at),
        moderation=moderation,
        require_sign_in=site_settings.require_sign_in,
        closes_at=closes_at,
    )


def closing_time(page, site_settings):
    days = site_settings.close_after_days
    if days is None:
        days = comment_settings.CLOSE_AFTER_DAYS
    if days is None or page.first_published_at is None:
        return None
    return page.first_published_at + timedelta(days=days)


def closed_by(page, policies, closes_at):
    for policy in policies:
        if policy.comments_closed:
            return "article" if policy.page_id == page.pk else "section"
    if closes_at is not None and timezone.now() >= closes_at:
        return "age"
    return None
