"""Signed links in news emails: the token names the member and the kinds of news the email
carried, so one click (no sign-in) changes how often those kinds come. It never expires (an old
email's link must still work) and can only change that member's choices for those kinds."""

from django.core import signing
from django.urls import reverse

from network_site.core.site_address import absolute_url

from . import kinds

SALT = "following.email-choice"


def make_token(user, news_kinds):
    return signing.dumps({"user": user.pk, "kinds": sorted(news_kinds)}, salt=SALT, compress=True)


def read_token(token):
    """(user id, [kinds]) from a token this site made, else None."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("user"), int):
        return None
    news_kinds = data.get("kinds")
    if not isinstance(news_kinds, list) or not news_kinds:
        return None
    if not all(isinstance(kind, str) and kind in kinds.KINDS for kind in news_kinds):
        return None
    return data["user"], news_kinds


def choice_url(user, news_kinds):
    return absolute_url(reverse("following:email_choice", args=[make_token(user, news_kinds)]))
