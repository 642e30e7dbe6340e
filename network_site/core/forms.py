import re

from django import forms

WORD_PATTERN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

SEARCH_QUERY_MAX_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search this site",
        required=False,
        max_length=SEARCH_QUERY_MAX_LENGTH,
        error_messages={
            "max_length": "Search for %(limit_value)s characters or fewer "
            "(you entered %(show_value)s)."
        },
    )
    page = forms.IntegerField(required=False, min_value=1)

    def clean_q(self):
        # Words only: quotes, brackets and operators are query syntax to the full-text backends,
        # and an unbalanced one is an error there.
        return " ".join(WORD_PATTERN.findall(self.cleaned_data["q"]))
