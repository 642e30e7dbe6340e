import re

from allauth.account.forms import AddEmailForm
from allauth.account.models import EmailAddress
from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from network_site.core.forms import SectorField

from . import choices
from .models import JoinRequest, MemberProfile, User
from .validators import (
    PERSON_NAME_MAX_LENGTH,
    domain_with_a_dot,
    no_address_literal,
    one_line_plain_text,
    person_name,
)

MARKUP = re.compile(r"<[^>]*>|&[#a-z0-9]+;", re.IGNORECASE)


def no_markup(value):
    if MARKUP.search(value or ""):
        raise ValidationError("Write plain text, without HTML tags or entities.", code="markup")


class PlainTextField(forms.CharField):
    default_validators = [no_markup]


class OneLineTextField(PlainTextField):
    default_validators = [no_markup, one_line_plain_text]


class PersonNameField(OneLineTextField):
    """Every form where people give their name: the join form and the account page."""

    default_validators = [no_markup, one_line_plain_text, person_name]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", PERSON_NAME_MAX_LENGTH)
        super().__init__(**kwargs)


def with_blank(options, label):
    return [("", label), *options]


class JoinForm(forms.Form):
    full_name = PersonNameField(label="Full name")
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        validators=[no_address_literal, domain_with_a_dot],
        help_text="We will send a link to this address to check it is yours.",
    )
    organisation = OneLineTextField(label="Organisation (optional)", max_length=200, required=False)
    role = OneLineTextField(label="Your role", max_length=150)
    sector = SectorField(label="Sector", empty_label="Choose a sector")
    council_area = forms.ChoiceField(
        label="Council area", choices=with_blank(choices.COUNCIL_AREAS, "Choose a council area")
    )
    hopes = PlainTextField(
        label="What do you hope to get from the network?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    heard_from = PlainTextField(
        label="How did you hear about the network? (optional)", max_length=300, required=False
    )
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="You will sign in with your email address and this password once you are approved.",
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    agree_privacy = forms.BooleanField(
        label="I have read the privacy notice and agree to it",
        error_messages={"required": "Agree to the privacy notice to ask to join"},
    )
    wants_directory_listing = forms.BooleanField(
        label="List me in the member directory (optional)", required=False
    )
    wants_meetings_mailing = forms.BooleanField(
        label="Email me about meetings (optional)", required=False
    )
    # A honeypot: hidden from people, filled in by bots.
    website = forms.CharField(label="Leave this field empty", required=False, max_length=200)

    required_messages = {
        "full_name": "Enter your full name",
        "email": "Enter your email address",
        "role": "Enter your role",
        "sector": "Choose the sector you work in",
        "council_area": "Choose your council area, or outside Scotland",
        "hopes": "Tell us what you hope to get from the network",
        "password1": "Choose a password",
        "password2": "Type the password again",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each message names what is missing: the error summary lists them all together.
        for name, message in self.required_messages.items():
            self.fields[name].error_messages["required"] = message
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the right form, like name@example.org"
        )

    def existing_account(self):
        """The account that already has this address, if any. The page never says so (that
        would tell anyone who is a member); the view tells the address's owner by email."""
        return (
            User.objects.filter(email__iexact=self.cleaned_data["email"])
            .select_related("join_request")
            .first()
        )

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        # Both checks, every time: a short password and a mismatch are told together.
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords do not match")
        if password1:
            candidate = User(
                email=cleaned.get("email", ""), first_name=cleaned.get("full_name", "")
            )
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class ProfileForm(forms.ModelForm):
    full_name = PersonNameField(label="Name")
    sector = SectorField(label="Sector", empty_label="Not given", required=False)

    class Meta:
        model = MemberProfile
        fields = [
            "full_name",
            "role",
            "organisation",
            "sector",
            "council_area",
            "bio",
            "listed_in_directory",
            "show_name",
            "show_organisation",
            "show_role",
            "show_area",
            "accepts_contact",
            "receives_meetings_mailing",
            "digest_frequency",
        ]
        labels = {
            "listed_in_directory": "List me in the member directory",
            "receives_meetings_mailing": "Email me about meetings",
        }
        help_texts = {
            "accepts_contact": "They write through a form on the site: your email address is "
            "never shown to them.",
            "receives_meetings_mailing": "When a meeting is announced, and a reminder before it.",
            "digest_frequency": "New stories and resources, in one email.",
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("role", "organisation", "bio"):
            self.fields[name].validators.append(no_markup)
        for name in ("role", "organisation"):
            self.fields[name].validators.append(one_line_plain_text)
        self.fields["full_name"].initial = self.instance.user.get_full_name()
        self.fields["full_name"].error_messages["required"] = "Enter your name"
        self.fields["council_area"].choices = with_blank(choices.COUNCIL_AREAS, "Not given")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["password"].error_messages["required"] = "Enter your password to continue"

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError("That is not your password", code="wrong_password")
        return password


class DecisionForm(forms.Form):
    message = PlainTextField(
        label="Message to the person (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Included in the email they get.",
    )
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])


class ContactMemberForm(forms.Form):
    message = PlainTextField(
        label="Your message",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="2,000 characters at most. Do not share anything about the people you support.",
        error_messages={"required": "Write your message"},
    )


ADDRESS_HELD_MESSAGE = (
    "This address belongs to another account or to a request to join, so it cannot be yours "
    "here too. Choose another address."
)


def address_held_by_another(email, user):
    """Whether another account, another account's confirmed address or another person's request
    to join has this address, whatever its case. (Someone else's unconfirmed wish to change to
    it holds nothing.)"""
    others_addresses = EmailAddress.objects.filter(email__iexact=email, verified=True)
    return (
        User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists()
        or others_addresses.exclude(user=user).exists()
        or JoinRequest.objects.filter(email__iexact=email).exclude(user=user).exists()
    )


class ChangeEmailForm(AddEmailForm):
    """allauth's change of address, refusing an address someone else holds: confirming it
    later could only fail, and would send that person a link about an account not theirs."""

    def clean_email(self):
        email = super().clean_email()
        if address_held_by_another(email, self.user):
            raise ValidationError(ADDRESS_HELD_MESSAGE, code="address_held")
        return email
