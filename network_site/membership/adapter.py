"""allauth, fitted to a network where only approved people have a session.

Every path to a session in allauth (password login, login after a password reset or an email
confirmation) passes through `pre_login`; Wagtail's own login page is sent here too (see urls.py).
"""

from dataclasses import replace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.stagekit import clear_login
from django.urls import reverse

from network_site.core.mail import queue_email, render_text_email
from network_site.core.site_address import on_site_address, public_site

from .access import is_member
from .validators import domain_with_a_dot, no_address_literal


def user_display(user):
    return user.get_full_name() or user.email


def may_sign_in(user):
    """Approved members, and staff whose groups give them the Wagtail admin."""
    if not user.is_active:
        return False
    return user.is_superuser or is_member(user) or user.has_perm("wagtailadmin.access_admin")


class NetworkAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # The join form is the only way in; allauth's own sign-up stays closed.
        return False

    def pre_login(self, request, user, **kwargs):
        if not may_sign_in(user):
            clear_login(request)
            return self.respond_user_inactive(request, user)
        return super().pre_login(request, user, **kwargs)

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
