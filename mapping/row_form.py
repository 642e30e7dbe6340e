"""One row of a guide file (CSV, or a JSON entry read as CSV cells) checked as a Django form.

The entry's own columns are checked by the form fields of `MappingEntryPage`'s model fields, and
each part of a list column (an example, a source, a relationship, a dimension's answer) by the form
fields of the model it becomes, so a row is accepted exactly when the admin's models would accept
it. Every message is a plain sentence that names the column and the value, for the importer to show
beside the row's line.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from .models import (
    DimensionValue,
    EntryDimensionValue,
    EntryExample,
    EntryRelationship,
    EntrySource,
    ExampleSector,
    Kind,
    MappingEntryPage,
    RelationshipKind,
    Scope,
)
from .records import DIMENSION_PREFIX, NOTE_PREFIX, lines_of, list_items, sector_slugs_by_spelling

LONGER_THAN = "{label} is longer than %(limit_value)d characters."


def model_form_field(model, name, label, **options):
    """The form field Django makes for the model's field, its messages naming the column."""
    field = model._meta.get_field(name).formfield(**options)
    field.error_messages["max_length"] = LONGER_THAN.format(label=label)
    return field


def one_of(values):
    return ", ".join(values)


def check_part(model, name, label, value, errors):
    """`value` as the model's field cleans it; a message in `errors` when it refuses it."""
    try:
        return model_form_field(model, name, label).clean(value)
    except ValidationError as error:
        errors.extend(error.messages)
        return value


def split_parts(line, count):
    """A line's `|`-separated parts, padded with empty ones to `count`."""
    parts = [part.strip() for part in line.split("|", count - 1)]
    return (parts + [""] * count)[:count]


class EntryRowForm(forms.Form):
    """A row's cells in; `record()` gives the plain record `save_records` writes."""

    # Lists in one cell, checked part by part in their clean_ methods.
    sectors = forms.CharField(required=False)
    themes = forms.CharField(required=False)
    examples = forms.CharField(required=False)
    sources = forms.CharField(required=False)
    relationships = forms.CharField(required=False)

    def __init__(self, row, *, dimension_names, names_of_sectors):
        self.cells = {name: (value or "").strip() for name, value in row.items()}
        self.dimension_names = dimension_names
        self.names_of_sectors = names_of_sectors
        self.dimensions = []
        # The file calls the entry's title "name".
        super().__init__({**self.cells, "title": self.cells.get("name", "")})
        self.fields.update(self.entry_fields())
        self.order_fields(["slug", "title", "summary", "kind", "scope", "sectors"])

    def entry_fields(self):
        entry = MappingEntryPage
        year, reviewed = self.cells.get("year", ""), self.cells.get("last_reviewed", "")
        return {
            "slug": model_form_field(
                entry,
                "slug",
                "slug",
                error_messages={
                    "invalid": "slug “%(value)s” must be letters, numbers, hyphens or underscores."
                },
            ),
            "title": model_form_field(
                entry, "title", "name", error_messages={"required": "name is empty."}
            ),
            "summary": model_form_field(
                entry, "summary", "summary", error_messages={"required": "summary is empty."}
            ),
            "kind": self.choice_field("kind", Kind.values),
            "scope": self.choice_field("scope", Scope.values),
            # Neither message is %-formatted (Django gives them no values), so the cell goes in as it is.
            "year": model_form_field(
                entry,
                "year",
                "year",
                validators=entry._meta.get_field("year").validators,
                error_messages={
                    "invalid": f"year “{year}” is not a whole number.",
                    "min_value": "year %(value)s is not between 1900 and 2100.",
                    "max_value": "year %(value)s is not between 1900 and 2100.",
                },
            ),
            "last_reviewed": model_form_field(
                entry,
                "last_reviewed",
                "last_reviewed",
                input_formats=["%Y-%m-%d"],
                error_messages={
                    "invalid": f"last_reviewed “{reviewed}” is not a date like 2025-03-31."
                },
            ),
            **{
                name: model_form_field(entry, name, name)
                for name in ("lead_body", "statutory_basis", "reviewed_by")
            },
        }

    def choice_field(self, name, values):
        message = f"{name} “%(value)s” is not one of {one_of(values)}."
        return model_form_field(
            MappingEntryPage,
            name,
            name,
            error_messages={"invalid_choice": message, "required": message % {"value": ""}},
        )

    def clean_sectors(self):
        spellings = sector_slugs_by_spelling(self.names_of_sectors)
        given = list_items(self.cleaned_data["sectors"])
        unknown = [name for name in given if name.lower() not in spellings]
        if unknown:
            raise ValidationError(
                f"unknown sector(s): {', '.join(unknown)}. Give each by its name or slug, "
                f"from: {', '.join(self.names_of_sectors.values())}."
            )
        if not given:
            raise ValidationError("sectors is empty: give at least one.")
        return sorted({spellings[name.lower()] for name in given})

    def clean_themes(self):
        return sorted(set(list_items(self.cleaned_data["themes"])))

    def clean_examples(self):
        examples, errors = [], []
        for line in lines_of(self.cleaned_data["examples"]):
            sector, title, description = split_parts(line, 3)
            if sector not in ExampleSector.values:
                errors.append(
                    f"example “{line}” must start with one of {one_of(ExampleSector.values)}."
                )
            elif not title:
                errors.append(f"example “{line}” has no title.")
            else:
                title = check_part(EntryExample, "title", "an example's title", title, errors)
                examples.append({"sector": sector, "title": title, "description": description})
        if errors:
            raise ValidationError(errors)
        return examples

    def clean_sources(self):
        sources, errors = [], []
        for line in lines_of(self.cleaned_data["sources"]):
            title, _, url = (part.strip() for part in line.rpartition("|"))
            link_errors = []
            check_part(EntrySource, "url", "a source's link", url, link_errors)
            if link_errors or not url.startswith(("http://", "https://")):
                errors.append(f"source “{line}” needs a title, then | and an http(s) link.")
            elif not title:
                errors.append(f"source “{line}” has no title.")
            else:
                title = check_part(EntrySource, "title", "a source's title", title, errors)
                sources.append({"title": title, "url": url})
        if errors:
            raise ValidationError(errors)
        return sources

    def clean_relationships(self):
        relationships, errors = [], []
        slug = self.cells.get("slug", "")
        for line in lines_of(self.cleaned_data["relationships"]):
            kind, target, note = split_parts(line, 3)
            if kind not in RelationshipKind.values:
                errors.append(
                    f"relationship “{line}” must start with one of "
                    f"{one_of(RelationshipKind.values)}."
                )
            elif not target:
                errors.append(f"relationship “{line}” names no entry.")
            elif target == slug:
                errors.append(f"relationship “{line}” relates the entry to itself.")
            else:
                note = check_part(EntryRelationship, "note", "a relationship's note", note, errors)
                relationships.append({"kind": kind, "target": target, "note": note})
        if errors:
            raise ValidationError(errors)
        return relationships

    def clean(self):
        """The dimensions' answers: their columns are named by the file, not by the form."""
        dimensions, errors = [], []
        for name in self.dimension_names:
            value = self.cells.get(DIMENSION_PREFIX + name, "")
            note = self.cells.get(NOTE_PREFIX + name, "")
            if not value:
                if note:
                    errors.append(f"“{name}” has a note but no value.")
            elif value not in DimensionValue.values:
                errors.append(f"“{name}” is “{value}”, not one of {one_of(DimensionValue.values)}.")
            else:
                label = f"the note on “{name}”"
                note = check_part(EntryDimensionValue, "note", label, note, errors)
                dimensions.append({"dimension": name, "value": value, "note": note})
        self.dimensions = dimensions
        if errors:
            raise ValidationError(errors)
        return self.cleaned_data

    def error_sentences(self):
        """Every message once, in the form's field order, the dimensions' answers last."""
        return list(
            dict.fromkeys(
                message
                for name in [*self.fields, NON_FIELD_ERRORS]
                for message in self.errors.get(name, [])
            )
        )

    def record(self):
        """The row as a record (see RECORD_FIELDS); meaningful only when the form is valid."""
        cleaned, cell = self.cleaned_data, self.cells.get
        year = cleaned.get("year")
        return {
            "slug": cell("slug", ""),
            "name": cell("name", ""),
            "kind": cell("kind", ""),
            "sectors": cleaned.get("sectors", []),
            "scope": cell("scope", ""),
            "year": year if isinstance(year, int) else None,
            "lead_body": cell("lead_body", ""),
            "statutory_basis": cell("statutory_basis", ""),
            "summary": cell("summary", ""),
            "key_features": lines_of(cell("key_features", "")),
            "alike": cell("alike", ""),
            "different": cell("different", ""),
            "themes": cleaned.get("themes", []),
            "examples": cleaned.get("examples", []),
            "sources": cleaned.get("sources", []),
            "relationships": cleaned.get("relationships", []),
            "dimensions": self.dimensions,
            "last_reviewed": cell("last_reviewed", ""),
            "reviewed_by": cell("reviewed_by", ""),
        }


def parse_row(row, dimension_names, names_of_sectors):
    """(record, errors) from a row given as {column: text}; `names_of_sectors` is `sector_names()`.
    `errors` is a list of plain sentences; the record is only meaningful when it is empty."""
    form = EntryRowForm(row, dimension_names=dimension_names, names_of_sectors=names_of_sectors)
    errors = [] if form.is_valid() else form.error_sentences()
    return form.record(), errors
