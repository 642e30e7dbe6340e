import re

from django import forms

from network_site.core.forms import SectorsField
from stories.choices import CURATED_THEMES

from .models import Flag

MAX_TEXT_LENGTH = 4000
MAX_TITLE_LENGTH = 150
# Anything a mail program or browser would turn into a link.
LINK = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|uk|scot|io|info|co)\b", re.IGNORECASE)
NO_LINKS_YET = (
    "Links are open to members who have taken part a little longer. Take the link out, or give "
    "the name of the page or organisation so that others can find it."
)


def words_field(label, help_text=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": f"Enter your {label.lower()}",
            "max_length": f"Keep your {label.lower()} under {MAX_TEXT_LENGTH} characters",
        },
    )


class ContributionForm(forms.Form):
    """Checks common to every kind: no links from a member who is not yet trusted."""

    def __init__(self, *args, links_allowed=True, **kwargs):
        self.links_allowed = links_allowed
        super().__init__(*args, **kwargs)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(self.fields["text"].error_messages["required"])
        if not self.links_allowed and LINK.search(text):
            raise forms.ValidationError(NO_LINKS_YET)
        return text


class ResponseForm(ContributionForm):
    text = words_field(
        "Response",
        "Members only read it. Leave out names and anything that could identify someone.",
    )


class ReplyForm(ContributionForm):
    text = words_field("Reply")


class AnswerForm(ContributionForm):
    text = words_field(
        "Answer",
        "Share what you know or have tried. Leave out anything that could identify someone.",
    )


class EditForm(ContributionForm):
    text = words_field("Words")


class QuestionForm(ContributionForm):
    title = forms.CharField(
        label="Your question",
        help_text="One sentence that says what you would like to know.",
        max_length=MAX_TITLE_LENGTH,
        error_messages={
            "required": "Enter your question",
            "max_length": f"Keep your question under {MAX_TITLE_LENGTH} characters",
        },
    )
    text = words_field("Details", "What you have tried, and what would help.")
    themes = forms.MultipleChoiceField(
        label="Themes (optional)",
        choices=[(name, name) for name in CURATED_THEMES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sectors = SectorsField(label="Sectors (optional)", required=False)

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Enter your question")
        if not self.links_allowed and LINK.search(title):
            raise forms.ValidationError(NO_LINKS_YET)
        return title


class EditQuestionForm(QuestionForm):
    pass


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why should a moderator look at this?",
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why a moderator should look at this"},
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label="Reason (sent to the author)",
        max_length=500,
        error_messages={"required": "Give the author a reason"},
    )


class ErasureChoiceForm(forms.Form):
    KEEP, REMOVE = "keep", "remove"
    choice = forms.ChoiceField(
        label="If I delete my account",
        choices=[
            (REMOVE, "Remove my responses, questions and answers"),
            (KEEP, "Keep my words in the conversations, shown as from “a former member”"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens to your words"},
    )
