from django import forms

from .models import TRIED_MAX_LENGTH, UPDATE_MAX_LENGTH, AskingChoice, StoryUpdate, WhatITried


def no_control_characters(text):
    """Text as typed, without NUL and other control characters (tabs and line breaks kept)."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ch.isprintable())


class CleanTextMixin:
    def clean_text(self):
        text = no_control_characters(self.cleaned_data["text"]).strip()
        if not text:
            raise forms.ValidationError(self.empty_message)
        return text


class StoryUpdateForm(CleanTextMixin, forms.ModelForm):
    empty_message = "Write what happened next."

    class Meta:
        model = StoryUpdate
        fields = ["text"]
        labels = {"text": "What happened next?"}
        help_texts = {
            "text": (
                "What changed for the person, for you or for your team since you shared the story."
                f" Up to {UPDATE_MAX_LENGTH} characters. Leave out names, addresses and dates of"
                " birth: a moderator reads it before it is shown."
            )
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        error_messages = {"text": {"required": "Write what happened next."}}


class WhatITriedForm(CleanTextMixin, forms.ModelForm):
    empty_message = "Write what you tried."
    anonymous = forms.TypedChoiceField(
        label="How should it be shown?",
        choices=[("no", "With my name"), ("yes", "Without my name")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
        error_messages={"required": "Choose whether to show your name."},
    )

    class Meta:
        model = WhatITried
        fields = ["text", "anonymous"]
        labels = {"text": "What did you try because of this story?"}
        help_texts = {
            "text": (
                f"A few sentences: up to {TRIED_MAX_LENGTH} characters. A moderator reads it"
                " before it is shown on the story."
            )
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        error_messages = {"text": {"required": "Write what you tried."}}


class AskingChoiceForm(forms.ModelForm):
    class Meta:
        model = AskingChoice
        fields = ["ask_me"]
        labels = {
            "ask_me": "Email me three, six and twelve months after each of my stories is published"
        }
        help_texts = {"ask_me": "Each email asks once what happened next. You can stop them here."}
