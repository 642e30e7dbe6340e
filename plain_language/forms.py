from django import forms

from .checker import MAX_CHECKED_CHARACTERS


class CheckTextForm(forms.Form):
    """What the as-you-type check is sent: one field's text."""

    text = forms.CharField(
        required=False,
        strip=False,
        max_length=MAX_CHECKED_CHARACTERS,
        error_messages={"max_length": "The text is too long to check at once."},
    )
