"""The learning log's forms: an entry, and the choice of what to export."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.models import Page

from network_site.membership.member_page import visible_to_members

from .models import Entry

# What a date field accepts: the date picker's answer, and a date typed the British way.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %m %Y"]
MAX_THEMES = 10
MAX_THEME_LENGTH = 60
MAX_REFLECTION_LENGTH = 20_000
MAX_WILL_TRY_LENGTH = 5_000


class ThemesField(forms.CharField):
    """Themes in the member's own words, separated by commas; stored as a list. They stay in the
    entry and never become the site's shared tags, which the admin and listings can see."""

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_THEMES * (MAX_THEME_LENGTH + 2), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def clean(self, value):
        text = super().clean(value)
        themes, seen = [], set()
        for theme in (" ".join(part.split()) for part in text.split(",")):
            if theme and theme.casefold() not in seen:
                seen.add(theme.casefold())
                themes.append(theme)
        if any(len(theme) > MAX_THEME_LENGTH for theme in themes):
            raise ValidationError(f"Keep each theme to {MAX_THEME_LENGTH} characters or fewer")
        if len(themes) > MAX_THEMES:
            raise ValidationError(f"Give {MAX_THEMES} themes or fewer")
        return themes


class EntryForm(forms.ModelForm):
    written_on = forms.DateField(
        label="Date",
        help_text="The day you are reflecting on. Without a date picker, type it as 27/03/2026.",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the date of the reflection",
            "invalid": "Enter a real date, for example 27/03/2026",
        },
    )
    themes = ThemesField(
        label="Themes (optional)",
        help_text="Separate themes with commas, for example: carers, good conversations.",
        required=False,
    )
    reflection = forms.CharField(
        label="Your reflection",
        help_text="What happened, what you noticed, what it meant for the people you work with.",
        max_length=MAX_REFLECTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Write your reflection"},
    )
    will_try = forms.CharField(
        label="What I will try (optional)",
        help_text="Something you will do differently, or keep doing, in your practice.",
        max_length=MAX_WILL_TRY_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = Entry
        fields = ["written_on", "themes", "reflection", "will_try"]

    def clean_written_on(self):
        written_on = self.cleaned_data["written_on"]
        if written_on.year < 1900:
            raise ValidationError("Enter a date from 1900 onwards")
        return written_on


def prompting_page(page_id):
    """The live page a member may read with this id (as sent in `?page=`), or None."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return None
    if not 0 < page_id < 2**31:
        return None
    return visible_to_members(Page.objects.filter(pk=page_id)).specific().first()


class ExportForm(forms.Form):
    FORMATS = [("pdf", "PDF (tagged, for printing and screen readers)"), ("docx", "Word document")]

    date_from = forms.DateField(
        label="From (optional)",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date for the start, for example 01/04/2026"},
    )
    date_to = forms.DateField(
        label="To (optional)",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date for the end, for example 31/03/2027"},
    )
    format = forms.ChoiceField(
        label="Format",
        choices=FORMATS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the format of the export",
            "invalid_choice": "Choose PDF or Word document",
        },
    )

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return cleaned

    def entries_of(self, user):
        entries = Entry.objects.filter(owner=user).select_related("prompt_page")
        if self.cleaned_data.get("date_from"):
            entries = entries.filter(written_on__gte=self.cleaned_data["date_from"])
        if self.cleaned_data.get("date_to"):
            entries = entries.filter(written_on__lte=self.cleaned_data["date_to"])
        # Oldest first, as a record of learning reads.
        return entries.order_by("written_on", "pk")
