"""The breaking-news banner is on every page and takes itself down at expires_at, with
no save to purge on: a page showing it is kept no longer than the banner lasts."""

from django.utils import timezone

from newsdesk.core.models import BreakingNews


def seconds_left_on_banner(request):
    """Seconds until the banner this page showed expires; None when it showed none.

    Only looks at the banner the page's template loaded (Wagtail keeps it on the
    request), so it never costs a query.
    """
    banner = getattr(request, BreakingNews.get_cache_attr_name(), None)
    if banner is None or not banner.is_showing or banner.expires_at is None:
        return None
    return max(int((banner.expires_at - timezone.now()).total_seconds()), 0)
