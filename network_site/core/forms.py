from django import forms

SEARCH_QUERY_MAX_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search this site",
        required=False,
        max_length=SEARCH_QUERY_MAX_LENGTH,
        error_messages={
            "max_length": f"Search for %(limit_value)s characters or fewer "
            f"(you entered %(show_value)s)."
        },
    )
    page = forms.IntegerField(required=False, min_value=1)

    def clean_q(self):
        # Control characters only confuse the search backend; spaces stay as they are.
        return "".join(ch for ch in self.cleaned_data["q"] if ch.isprintable()).strip()
