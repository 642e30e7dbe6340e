"""The map's filters and the choice of a cell, row or the whole map: checked by forms, so that a
value the site does not know is reported and ignored, never queried."""

from django import forms

from stories import choices as story_choices

from .map import (
    AXIS_CHOICES,
    AXIS_SECTOR,
    MapFilters,
    columns_for,
    practice_change_filters,
    this_year,
)
from .models import OutcomeArea

FIRST_YEAR = 2010


class MapFilterForm(forms.Form):
    axis = forms.ChoiceField(
        label="Columns", choices=AXIS_CHOICES, required=False, widget=forms.RadioSelect
    )
    council_area = forms.ChoiceField(
        label="Council area",
        choices=[("", "Any council area")] + story_choices.COUNCIL_AREAS,
        required=False,
    )
    perspective = forms.ChoiceField(
        label="The teller writes as",
        choices=[("", "Any perspective")] + story_choices.PERSPECTIVES,
        required=False,
    )
    year = forms.TypedChoiceField(
        label="Year published",
        coerce=int,
        empty_value=None,
        required=False,
    )
    changed_practice = forms.BooleanField(
        label="Only stories that changed someone's practice", required=False
    )

    # Filters that describe stories: with any of them chosen, the map counts stories only.
    STORY_FILTERS = ("council_area", "perspective", "changed_practice")

    def __init__(self, data=None, **kwargs):
        if data is not None and not data.get("axis"):
            # Sectors unless another choice is made, and shown as chosen.
            data = data.copy()
            data["axis"] = AXIS_SECTOR
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [("", "Any year")] + [
            (year, str(year)) for year in range(this_year(), FIRST_YEAR - 1, -1)
        ]
        if not practice_change_filters():
            # Nothing records practice change yet (see PRACTICE_CHANGE_HOOK).
            del self.fields["changed_practice"]

    def chosen(self):
        """(axis, MapFilters) from the values that are valid; the others are left out."""
        self.is_valid()
        cleaned = self.cleaned_data
        filters = MapFilters(
            council_area=cleaned.get("council_area") or "",
            perspective=cleaned.get("perspective") or "",
            changed_practice=bool(cleaned.get("changed_practice")),
            year=cleaned.get("year"),
        )
        return cleaned.get("axis") or AXIS_SECTOR, filters

    def filter_fields(self):
        return [self[name] for name in self.fields if name != "axis"]

    def kept_query(self):
        """The valid chosen values as query pairs, to carry into a cell's or an export's link."""
        self.is_valid()
        return [
            (name, value)
            for name, value in self.cleaned_data.items()
            if value not in (None, "", False)
        ]


class PlaceForm(forms.Form):
    """Which part of the map: an area (a row), an area and a column (a cell), or neither."""

    area = forms.ChoiceField(required=False)
    column = forms.ChoiceField(required=False)

    def __init__(self, data, *, axis, areas, **kwargs):
        super().__init__(data, **kwargs)
        self.areas = {area.slug: area for area in areas}
        self.columns = {column.key: column for column in columns_for(axis)}
        self.fields["area"].choices = [("", "Every area")] + [
            (slug, area.name) for slug, area in self.areas.items()
        ]
        self.fields["column"].choices = [("", "Every column")] + [
            (key, column.label) for key, column in self.columns.items()
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("column") and not cleaned.get("area"):
            raise forms.ValidationError("Choose an outcome area as well as a column")
        return cleaned

    def place(self):
        """(area or None, column or None), or None when the choice is not valid."""
        if not self.is_valid():
            return None
        area = self.areas.get(self.cleaned_data["area"])
        column = self.columns.get(self.cleaned_data["column"])
        return area, column


def area_queryset():
    return OutcomeArea.objects.prefetch_related("themes")
