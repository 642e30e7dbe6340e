"""Who counts as a network member, for every app that offers members something.

A member is an active account holding the member permission (the Members role in
`network_site/core/roles.py`): coordinators give it by approving a join request. Staff (editors,
moderators, coordinators) are not members unless they have that role too; administrators have every
permission, this one included.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login

from network_site.core.roles import MEMBER_PERMISSION


def is_member(user):
    # has_perm caches the user's permissions on the user object for the rest of the request.
    return user.is_authenticated and user.is_active and user.has_perm(MEMBER_PERMISSION)


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
