from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

from .. import text

register = template.Library()


@register.filter
def comment_text(value):
    """A comment's plain text as escaped HTML: paragraphs, line breaks, nofollow links."""
    return text.render(value)


@register.filter
def comment_age(moment):
    """Short and scannable, as comment sections show it: "5 min ago", "3 h ago", "12 Mar"."""
    seconds = (timezone.now() - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 60 * 60:
        return f"{int(seconds // 60)} min ago"
    if seconds < 24 * 60 * 60:
        return f"{int(seconds // 3600)} h ago"
    if seconds < 7 * 24 * 60 * 60:
        days = int(seconds // 86400)
        return f"{days} day{'s' if days != 1 else ''} ago"
    local = timezone.localtime(moment)
    same_year = local.year == timezone.localtime().year
    return format_date(local, "j M" if same_year else "j M Y")
