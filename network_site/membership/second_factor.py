"""Two-step sign-in (allauth's MFA): who must have it, and the gate that sends them to set it up.

Everyone who can reach the Wagtail admin (coordinators, moderators, editors, administrators) sees
members' personal details there, so they must have a second factor (an authenticator app or a
security key) before any admin page or members' page answers them. Members may turn it on for
themselves. Once someone has a factor, allauth asks for it at every sign-in.
"""

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from network_site.core.roles import ADMIN_ACCESS

# Factors that sign someone in; recovery codes only stand in for one.
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def must_have_second_factor(user):
    return user.is_active and (user.is_superuser or user.has_perm(ADMIN_ACCESS))


def has_second_factor(user):
    return is_mfa_enabled(user, SECOND_FACTORS)


def guarded_path(path):
    """The admin, and the pages that show other members' details."""
    return path.startswith(settings.STAFF_SECOND_FACTOR_PATHS)


class SecondFactorForStaffMiddleware:
    """Sends staff without a second factor to set one up, from any guarded page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and guarded_path(request.path)
            and must_have_second_factor(user)
            and not has_second_factor(user)
        ):
            messages.warning(
                request,
                "Set up two-step sign-in before you use the admin or see members' details.",
            )
            return redirect(reverse("mfa_index"))
        return self.get_response(request)


def set_up_authenticator_app(user, secret):
    """An authenticator app with this secret, and recovery codes, for an account that has neither:
    the demo staff accounts (development), so that anyone trying the admin can sign in."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    RecoveryCodes.activate(user)


def unused_recovery_codes(user):
    codes = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).first()
    return codes.wrap().get_unused_codes() if codes else []


def authenticator_app_secret(user):
    """The secret of this account's authenticator app, to print beside a demo account."""
    app = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return get_mfa_adapter().decrypt(app.data["secret"]) if app else None


def remove_second_factors(user):
    """The lost-device path when no recovery code is left (`manage.py remove_second_factor`)."""
    removed, _ = Authenticator.objects.filter(user=user).delete()
    return removed
