"""One-click unsubscribe links: a signed token names the member and the mailing, so no sign-in
is needed. The token never expires (an old email's link must still work) and is only good for
turning a mailing off."""

from django.core import signing
from django.urls import reverse

from network_site.core.site_address import absolute_url

from . import choices

SALT = "membership.unsubscribe"
MEETINGS = "meetings"
DIGEST = "digest"
MAILINGS = {
    MEETINGS: "emails about meetings",
    DIGEST: "the digest of new stories and resources",
}


def make_token(user, mailing):
    return signing.dumps({"user": user.pk, "mailing": mailing}, salt=SALT, compress=True)


def read_token(token):
    """(user id, mailing) from a token this site made, else None."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("mailing") not in MAILINGS:
        return None
    if not isinstance(data.get("user"), int):
        return None
    return data["user"], data["mailing"]


def unsubscribe_url(user, mailing):
    return absolute_url(reverse("membership:unsubscribe", args=[make_token(user, mailing)]))


def list_unsubscribe_headers(url):
    """The headers of RFC 8058 for the link `url` (from `unsubscribe_url`): a mail program's
    unsubscribe button POSTs "List-Unsubscribe=One-Click" to it, which the unsubscribe view accepts
    without a cookie. Large mail providers require them on bulk mail."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def is_subscribed(profile, mailing):
    if mailing == MEETINGS:
        return profile.receives_meetings_mailing
    return profile.digest_frequency != choices.DIGEST_NONE
