from django import forms

from .models import Sector
from .search import clean_query

SEARCH_QUERY_MAX_LENGTH = 200


class SearchQueryField(forms.CharField):
    """The one search box: optional, at most 200 characters, cleaned to its words.

    Cleaned as every search is (network_site.core.search.clean_query): only the words are kept.
    """

    widget = forms.TextInput(attrs={"type": "search"})

    def __init__(self, *, label: str = "Search this site", **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", SEARCH_QUERY_MAX_LENGTH)
        kwargs.setdefault(
            "error_messages",
            {
                "max_length": "Search for %(limit_value)s characters or fewer "
                "(you entered %(show_value)s)."
            },
        )
        super().__init__(label=label, **kwargs)

    def clean(self, value):
        return clean_query(super().clean(value))


class SearchForm(forms.Form):
    q = SearchQueryField(
        widget=forms.TextInput(attrs={"type": "search", "class": "ds_site-search__input"}),
        template_name="forms/site_search_field.html",
    )
    page = forms.IntegerField(required=False, min_value=1)


class BySlugMixin:
    """Sectors are sent by their slugs, but a model form's initial value is the stored key: each
    option is marked as chosen only when that key is turned into its slug first."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return [self.prepare_value(item) for item in value]
        if isinstance(value, int) and not isinstance(value, bool):
            return self.queryset.filter(pk=value).values_list("slug", flat=True).first()
        return super().prepare_value(value)


class SectorField(BySlugMixin, forms.ModelChoiceField):
    """One of the shared sectors, sent by its slug as the listings' filters send it."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Sector.objects.all(), to_field_name="slug", **kwargs)


class SectorsField(BySlugMixin, forms.ModelMultipleChoiceField):
    """Any number of the shared sectors, as checkboxes, sent by their slugs."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Sector.objects.all(), to_field_name="slug", **kwargs)
