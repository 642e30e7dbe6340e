"""Sane limits for what people type about themselves: names, email addresses and passwords."""

import re
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


def domain_with_a_dot(email):
    """ "ann@localhost" passes Django's check, and no mail from here could ever reach it."""
    domain = (email or "").rpartition("@")[2].strip(".")
    if "." not in domain:
        raise ValidationError(
            "Enter an email address with a full domain name, like name@example.org",
            code="no_dot",
        )


# A name is at most this long: the longest names people have fit with room to spare, and the
# site's mail ("Ann Smith asked to join") never carries a paragraph chosen by a stranger.
PERSON_NAME_MAX_LENGTH = 100
# Looks like an address someone could visit: a scheme, "www.", or a word, a dot and a domain
# ending ("example.com", "bit.ly/x"). "J. R. Smith" and "St. John" keep their space after the dot.
ADDRESS_LIKE = re.compile(r"://|\bwww\.|[^\s.@]\.[a-z]{2,}\b|@", re.IGNORECASE)
# Line and paragraph separators, format characters (invisible, or turning text around) and
# control characters: none belongs in a name.
NOT_IN_NAMES = {"Zl", "Zp", "Cf", "Cc", "Co", "Cs", "Cn"}


def person_name(value):
    """Names go into the site's mail and the coordinators' queue: a name, not a message."""
    value = value or ""
    if any(unicodedata.category(character) in NOT_IN_NAMES for character in value):
        raise ValidationError(
            "Write your name on one line, without special characters.", code="name_characters"
        )
    if ADDRESS_LIKE.search(value):
        raise ValidationError(
            "Write your name only, without web or email addresses.", code="name_address"
        )
    if not any(character.isalpha() for character in value):
        raise ValidationError("Write your name in letters.", code="name_letters")


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
