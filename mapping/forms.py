from django import forms

MIN_COMPARED = 2
MAX_COMPARED = 4


class CompareForm(forms.Form):
    entry = forms.MultipleChoiceField(
        label="Entries to compare",
        widget=forms.CheckboxSelectMultiple,
        template_name="forms/column_options_field.html",
        error_messages={
            "required": f"Choose {MIN_COMPARED} to {MAX_COMPARED} entries to compare.",
            "invalid_choice": "The guide has no entry “%(value)s”. Choose entries from the list.",
        },
    )

    def __init__(self, *args, entries, **kwargs):
        """`entries`: (slug, title) of each entry that may be chosen."""
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = list(entries)

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
