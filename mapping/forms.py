from django import forms

from network_site.core.forms import SEARCH_QUERY_MAX_LENGTH, WORD_PATTERN

from .models import ExampleSector, Kind, Sector

MIN_COMPARED = 2
MAX_COMPARED = 4


def choice_error(label):
    return {"invalid_choice": f"Choose a {label} from the list."}


class GuideFilterForm(forms.Form):
    """The guide's filters and search. Only values from the lists get through to a query."""

    q = forms.CharField(
        label="Search the guide",
        required=False,
        max_length=SEARCH_QUERY_MAX_LENGTH,
        error_messages={
            "max_length": "Search for %(limit_value)s characters or fewer "
            "(you entered %(show_value)s)."
        },
    )
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "Any kind"), *Kind.choices],
        error_messages=choice_error("kind"),
    )
    sector = forms.ChoiceField(
        label="Sector it applies to",
        required=False,
        choices=[("", "Any sector"), *Sector.choices],
        error_messages=choice_error("sector"),
    )
    example_sector = forms.ChoiceField(
        label="Examples from",
        required=False,
        choices=[("", "Any sector"), *ExampleSector.choices],
        error_messages=choice_error("sector for the examples"),
    )
    page = forms.IntegerField(
        required=False, min_value=1, error_messages={"invalid": "Choose a page number."}
    )

    FACETS = ("kind", "sector", "example_sector")

    def clean_q(self):
        # Words only: quotes and operators are query syntax to the full-text backends.
        return " ".join(WORD_PATTERN.findall(self.cleaned_data["q"]))

    def filters(self):
        """The valid, non-empty values, whatever else was wrong with the request."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in ("q", *self.FACETS, "page")
            if self.cleaned_data.get(name)
        }


class CompareForm(forms.Form):
    entry = forms.MultipleChoiceField(
        label="Entries to compare",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": f"Choose {MIN_COMPARED} to {MAX_COMPARED} entries to compare.",
            "invalid_choice": "The guide has no entry “%(value)s”. Choose entries from the list.",
        },
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [(entry.slug, entry.title) for entry in entries]

    def clean_entry(self):
        chosen = list(dict.fromkeys(self.cleaned_data["entry"]))
        if len(chosen) < MIN_COMPARED:
            raise forms.ValidationError(
                f"Choose at least {MIN_COMPARED} entries to compare: you chose {len(chosen)}."
            )
        if len(chosen) > MAX_COMPARED:
            raise forms.ValidationError(
                f"Choose no more than {MAX_COMPARED} entries to compare: you chose {len(chosen)}."
            )
        return chosen
