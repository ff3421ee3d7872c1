"""Initials avatars for the admin, drawn as an inline SVG: no request leaves the site.

Wagtail asks the `get_avatar_url` hook first; an uploaded profile picture, or Gravatar when
WAGTAIL_GRAVATAR_PROVIDER_URL is set, still wins.
"""

import zlib
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.conf import settings

# Background colours white text reads on (contrast above 4.5:1).
COLOURS = ["#1f5f8b", "#7a3e9d", "#2e6b3f", "#9c3b24", "#5b5b5b", "#8a4b08", "#1d6a6a"]


def initials(user):
    names = [user.first_name, user.last_name] if user.first_name else []
    names = [name.strip() for name in names if name.strip()]
    if not names:
        names = [user.get_username() or "?"]
    return "".join(name[0] for name in names[:2]).upper()


def colour(user):
    # By username, not email: the picture must say nothing the page does not already show.
    return COLOURS[zlib.crc32(user.get_username().encode()) % len(COLOURS)]


def initials_svg(user, size):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 100 100"><rect width="100" height="100" fill="{colour(user)}"/>'
        '<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="system-ui, sans-serif" font-size="42" font-weight="600">'
        f"{escape(initials(user))}</text></svg>"
    )


def initials_avatar_url(user, size):
    """A data: URL of the user's initials, unless the user has a picture of their own or
    Gravatar is switched on (then None, and Wagtail goes on as usual)."""
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return None
    if getattr(settings, "WAGTAIL_GRAVATAR_PROVIDER_URL", None) and user.email:
        return None
    if not getattr(user, "is_authenticated", False):
        return None
    return "data:image/svg+xml," + quote(initials_svg(user, int(size)), safe="")
