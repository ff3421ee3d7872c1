from django import template
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from newsdesk.core.templatetags.newsdesk_tags import local_format

from .. import text

register = template.Library()


@register.filter
def comment_text(value):
    """A comment's plain text as escaped HTML: paragraphs, line breaks, nofollow links."""
    return text.render(value)


@register.filter
def comment_age(moment):
    """Short and scannable, as comment sections show it: "5 min ago", "3 h ago", "12 Mar",
    in the language of the article's edition."""
    seconds = (timezone.now() - moment).total_seconds()
    if seconds < 60:
        return gettext("just now")
    if seconds < 60 * 60:
        minutes = int(seconds // 60)
        return ngettext("%(count)d min ago", "%(count)d min ago", minutes) % {"count": minutes}
    if seconds < 24 * 60 * 60:
        hours = int(seconds // 3600)
        return ngettext("%(count)d h ago", "%(count)d h ago", hours) % {"count": hours}
    if seconds < 7 * 24 * 60 * 60:
        days = int(seconds // 86400)
        return ngettext("%(count)d day ago", "%(count)d days ago", days) % {"count": days}
    local = timezone.localtime(moment)
    same_year = local.year == timezone.localtime().year
    return local_format(local, "j M" if same_year else "j M Y")
