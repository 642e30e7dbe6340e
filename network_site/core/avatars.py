"""Avatars in the admin come from the site itself: the one a person uploaded, else their initials.

Wagtail would otherwise ask gravatar.com, which the admin's Content-Security-Policy blocks (and
which would tell a third party who uses the admin): the admin showed broken images.
"""

import hashlib
from urllib.parse import quote
from xml.sax.saxutils import escape

from wagtail.users.models import UserProfile

# Dark enough for white initials (contrast over 4.5:1).
BACKGROUNDS = ("#0065bd", "#00437e", "#4b4b4b", "#5b2d86", "#8a1538", "#1d5e33")


def initials(user):
    names = [user.first_name, user.last_name] if (user.first_name or user.last_name) else []
    letters = "".join(name.strip()[:1] for name in names if name.strip())
    if not letters:
        letters = (user.get_username() or "?")[:1]
    return letters.upper()


def initials_avatar_url(user):
    """A data: URL of an SVG with the user's initials on a colour chosen from their id."""
    digest = hashlib.sha256(str(user.pk).encode()).digest()
    background = BACKGROUNDS[digest[0] % len(BACKGROUNDS)]
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" fill="{background}"/>'
        '<text x="32" y="32" dy=".35em" text-anchor="middle" fill="#ffffff" '
        f'font-family="Arial, sans-serif" font-size="26">{escape(initials(user))}</text></svg>'
    )
    return "data:image/svg+xml," + quote(svg)


def avatar_url(user, size):
    """For Wagtail's `get_avatar_url` hook: None (Wagtail's own, local) when the user uploaded
    one, or when there is no user (history rows of changes made by the system)."""
    if user is None:
        return None
    try:
        if user.wagtail_userprofile.avatar:
            return None
    except UserProfile.DoesNotExist:
        pass
    return initials_avatar_url(user)
