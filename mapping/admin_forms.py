"""The entry's edit form: every comparison dimension as one row of a table, not one chooser per value.

The page model names this form as its base form, so the models are imported where they are used.
"""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import Panel

NO_ANSWER = ""


def value_field_name(dimension):
    return f"dimension_{dimension.pk}_value"


def note_field_name(dimension):
    return f"dimension_{dimension.pk}_note"


class MappingEntryForm(WagtailAdminPageForm):
    """Adds an answer select and a note for each dimension; saving replaces the entry's values."""

    def __init__(self, *args, **kwargs):
        from .models import ComparisonDimension, DimensionValue, EntryDimensionValue

        super().__init__(*args, **kwargs)
        note_max_length = EntryDimensionValue._meta.get_field("note").max_length
        self.dimensions = list(ComparisonDimension.objects.all())
        current = {value.dimension_id: value for value in self.instance.dimension_values.all()}
        for dimension in self.dimensions:
            value = current.get(dimension.pk)
            self.fields[value_field_name(dimension)] = forms.ChoiceField(
                label=f"Answer for “{dimension.name}”",
                choices=[(NO_ANSWER, "No answer yet"), *DimensionValue.choices],
                required=False,
                initial=value.value if value else NO_ANSWER,
            )
            self.fields[note_field_name(dimension)] = forms.CharField(
                label=f"Note on “{dimension.name}”",
                max_length=note_max_length,
                required=False,
                initial=value.note if value else "",
            )

    def clean(self):
        cleaned_data = super().clean()
        if "sectors" in self.fields and not cleaned_data.get("sectors"):
            self.add_error("sectors", "Choose at least one sector it applies to.")
        for dimension in self.dimensions:
            if cleaned_data.get(note_field_name(dimension)) and not cleaned_data.get(
                value_field_name(dimension)
            ):
                self.add_error(
                    note_field_name(dimension),
                    f"Choose an answer for “{dimension.name}” or clear its note.",
                )
        return cleaned_data

    def dimension_rows(self):
        """(dimension, answer field, note field) for each dimension, in the snippet's order."""
        return [
            (dimension, self[value_field_name(dimension)], self[note_field_name(dimension)])
            for dimension in self.dimensions
        ]

    def unanswered_dimensions(self):
        """The dimensions with no answer, as the form stands (submitted or initial)."""
        return [
            dimension for dimension, answer, _note in self.dimension_rows() if not answer.value()
        ]

    def save(self, commit=True):
        from .models import EntryDimensionValue

        page = super().save(commit=False)
        page.dimension_values = [
            EntryDimensionValue(
                dimension=dimension,
                value=self.cleaned_data[value_field_name(dimension)],
                note=self.cleaned_data[note_field_name(dimension)],
            )
            for dimension in self.dimensions
            if self.cleaned_data[value_field_name(dimension)]
        ]
        if commit:
            page.save()
            self.save_m2m()
        return page


class DimensionTablePanel(Panel):
    """Renders the form's dimension rows as one table, naming the dimensions still unanswered."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "mapping/panels/dimension_table.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["rows"] = self.form.dimension_rows()
            context["unanswered"] = self.form.unanswered_dimensions()
            return context
