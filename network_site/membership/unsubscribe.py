"""One-click unsubscribe links: a signed token names the member and the mailing, so no sign-in
is needed. The token never expires (an old email's link must still work) and is only good for
turning a mailing off."""

from django.core import signing
from django.urls import reverse

from network_site.core.site_address import absolute_url

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
