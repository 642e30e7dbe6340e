"""Sane limits for what people type about themselves: names, email addresses and passwords."""

import unicodedata

from django.core.exceptions import ValidationError

# Long enough for any passphrase; short enough that hashing it costs nothing much.
PASSWORD_MAX_LENGTH = 200


def one_line_plain_text(value):
    """Names and roles end up in email subjects and calendar files: no line breaks or control
    characters (tabs, escapes, NULs)."""
    if any(unicodedata.category(character) == "Cc" for character in value or ""):
        raise ValidationError(
            "Write this on one line, without tabs or special characters.", code="control"
        )


def no_address_literal(email):
    """An address at a bare IP ("someone@[192.0.2.1]") is valid in theory and never a person's."""
    domain = (email or "").rpartition("@")[2]
    if domain.startswith("[") or domain.replace(".", "").isdigit():
        raise ValidationError(
            "Enter an email address with a domain name, like name@example.org", code="literal"
        )


class PasswordShapeValidator:
    """Part of AUTH_PASSWORD_VALIDATORS, so it applies to every password form (the join form,
    allauth's change and reset): not only spaces, and not absurdly long."""

    def validate(self, password, user=None):
        if not password.strip():
            raise ValidationError(
                "Your password cannot be only spaces.", code="password_only_whitespace"
            )
        if len(password) > PASSWORD_MAX_LENGTH:
            raise ValidationError(
                f"Your password can be at most {PASSWORD_MAX_LENGTH} characters long.",
                code="password_too_long",
            )

    def get_help_text(self):
        return (
            f"Your password cannot be only spaces, or longer than {PASSWORD_MAX_LENGTH} characters."
        )
