"""Who counts as a network member, for every app that offers members something.

A member is an active account in the "Members" group: coordinators put people there by approving their
join request. Staff (editors, moderators, coordinators) are not members unless they are in the group too.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login

MEMBERS_GROUP = "Members"
COORDINATORS_GROUP = "Coordinators"
MODERATORS_GROUP = "Moderators"
EDITORS_GROUP = "Editors"


def is_member(user):
    if not (user.is_authenticated and user.is_active):
        return False
    # Cached on the user object: templates and views ask more than once per request.
    if not hasattr(user, "_is_network_member"):
        user._is_network_member = user.groups.filter(name=MEMBERS_GROUP).exists()
    return user._is_network_member


def member_required(view):
    """Sends people who are not signed in to the sign-in page; refuses signed-in non-members."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_member(request.user):
            from django.shortcuts import render

            return render(request, "membership/members_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped
