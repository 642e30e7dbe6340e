"""allauth, fitted to a network where only approved people have a session.

Every path to a session in allauth (password login, login after a password reset or an email
confirmation) passes through `pre_login`; Wagtail's own login page is sent here too (see urls.py).
"""

from dataclasses import replace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.stagekit import clear_login
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.template.response import TemplateResponse
from django.urls import reverse

from network_site.core.mail import queue_email, render_text_email
from network_site.core.site_address import on_site_address, public_site

from .access import is_member
from .validators import domain_with_a_dot, no_address_literal

# Why a person whose password was right still cannot sign in: each state has its own page text.
UNCONFIRMED, PENDING, DECLINED = "unconfirmed", "pending", "declined"
DEACTIVATED, NO_ROLE = "deactivated", "no_role"
REFUSAL_TITLES = {
    UNCONFIRMED: "Confirm your email address first",
    PENDING: "Your request is waiting for a coordinator",
    DECLINED: "Your request to join was declined",
    DEACTIVATED: "Your account is deactivated",
    NO_ROLE: "Your account has no access at present",
}


def refusal_reason(user):
    from .models import JoinRequest

    join_request = JoinRequest.objects.filter(user=user).first()
    if join_request is not None and join_request.status != JoinRequest.Status.APPROVED:
        return join_request.status, join_request  # unconfirmed, pending or declined
    # An approved member (or staff) whose account a coordinator or administrator turned off.
    if not user.is_active:
        return DEACTIVATED, join_request
    return NO_ROLE, join_request


def user_display(user):
    return user.get_full_name() or user.email


def may_sign_in(user):
    """Approved members, and staff whose groups give them the Wagtail admin."""
    if not user.is_active:
        return False
    return user.is_superuser or is_member(user) or user.has_perm("wagtailadmin.access_admin")


class NetworkAccountAdapter(DefaultAccountAdapter):
    # The messages allauth shows on its forms, in the site's own words (every key of allauth's).
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": "This account cannot sign in.",
        "cannot_remove_primary_email": (
            "You cannot remove the address we write to. Make another address your main one first."
        ),
        "duplicate_email": "This address is already on your account.",
        # Also what someone whose account was deleted meets: the page cannot tell them apart
        # from a mistyped address without telling strangers who has an account.
        "email_password_mismatch": "The email address or the password is not right. If you "
        "deleted your account, it no longer exists: you can ask to join again.",
        "phone_password_mismatch": "The phone number or the password is not right. Check both.",
        "email_taken": "Another account already uses this email address.",
        "enter_current_password": "Enter your current password.",
        "incorrect_code": "This code is not right. Check it and try again.",
        "incorrect_password": "This password is not right.",
        "invalid_or_expired_key": "This link has expired or has already been used.",
        "invalid_login": "You could not be signed in. Try again.",
        "invalid_password_reset": "This link has expired or has already been used.",
        "max_email_addresses": "You cannot add more than %d email addresses.",
        "phone_taken": "Another account already uses this phone number.",
        "too_many_login_attempts": (
            "Too many tries to sign in with this address. Wait a few minutes and try again."
        ),
        "unknown_email": "No account uses this email address.",
        "unknown_phone": "No account uses this phone number.",
        "unverified_primary_email": "Please confirm your email address first.",
        "username_blacklisted": "This name cannot be used. Choose another.",
        "username_password_mismatch": "The name or the password is not right. Check both.",
        "username_taken": "Another account already uses this name.",
        "select_only_one": "Choose only one.",
        "same_as_current": "This is the one you have now: enter a different one.",
        "rate_limited": "You have tried this too often. Wait a few minutes and try again.",
    }

    # The ways to confirm it is you before a sensitive change, in the site's words, by allauth's id.
    reauthentication_descriptions = {
        "reauthenticate": "Enter your password again",
        "reauthenticate_by_code": "Email me a code",
        "mfa_reauthenticate": "Use your authenticator app or a recovery code",
        "mfa_reauthenticate:webauthn": "Use your security key",
    }

    def get_reauthentication_methods(self, user):
        methods = super().get_reauthentication_methods(user)
        for method in methods:
            method["description"] = self.reauthentication_descriptions.get(
                method["id"], method["description"]
            )
        return methods

    def is_open_for_signup(self, request):
        # The join form is the only way in; allauth's own sign-up stays closed.
        return False

    def pre_login(self, request, user, **kwargs):
        if not may_sign_in(user):
            clear_login(request)
            return self.respond_user_inactive(request, user)
        return super().pre_login(request, user, **kwargs)

    def respond_user_inactive(self, request, user):
        """Called only once the password is right: the page says what is true of this account."""
        from .services import contact_email

        reason, join_request = refusal_reason(user)
        return TemplateResponse(
            request,
            "account/account_inactive.html",
            {
                "reason": reason,
                "title": REFUSAL_TITLES[reason],
                "join_request": join_request,
                "contact_email": contact_email(),
                "reply_within_days": settings.MEMBERSHIP_REPLY_WITHIN_DAYS,
            },
        )

    def confirm_email(self, request, email_address):
        """All or nothing: the address becomes the account's only if no one else holds it by now,
        and a clash found on saving undoes every part of the change."""
        from .forms import address_held_by_another

        user = email_address.user
        if not address_held_by_another(email_address.email, user):
            if not EmailAddress.objects.filter(user=user).exclude(pk=email_address.pk).exists():
                # A newcomer's first address: no address of theirs changes, nothing to undo.
                return super().confirm_email(request, email_address)
            try:
                with transaction.atomic():
                    return super().confirm_email(request, email_address)
            except IntegrityError:
                pass  # another account took the address in the meantime
        email_address.refresh_from_db()
        email_address.user.refresh_from_db()
        messages.error(
            request,
            "Nothing has changed: this address already belongs to another account or to a "
            "request to join, so the link cannot make it this account's address.",
        )
        return False

    def clean_email(self, email):
        # allauth's own forms (change of address, password reset) get the join form's rules.
        no_address_literal(email)
        domain_with_a_dot(email)
        return super().clean_email(email)

    def get_login_redirect_url(self, request):
        # Members land on their own page; staff who are not members go where allauth says.
        if is_member(request.user):
            return reverse("membership:home")
        return super().get_login_redirect_url(request)

    def get_email_verification_redirect_url(self, email_address):
        if not email_address.verified:
            # The confirmation was refused (confirm_email says why, in a message).
            return reverse("account_email") if self.request.user.is_authenticated else "/"
        if self.request.user.is_authenticated:
            return reverse("membership:account")
        return reverse("membership:join_received")

    def get_email_confirmation_url(self, request, emailconfirmation):
        return on_site_address(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return on_site_address(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix, email, context):
        """allauth's messages, from its own templates, sent the site's one way."""
        context = {"email": email, "current_site": public_site(), **context}
        message = render_text_email(
            f"{template_prefix}_subject.txt", f"{template_prefix}_message.txt", context
        )
        subject = self.format_email_subject(message.subject)
        queue_email(replace(message, subject=subject), [email])
