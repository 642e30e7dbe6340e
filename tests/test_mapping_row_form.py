"""A guide file's row is checked by a form built from the entry's model fields."""

import pytest

from mapping.models import MappingEntryPage
from mapping.records import sector_names
from mapping.row_form import EntryRowForm, parse_row

pytestmark = pytest.mark.django_db


def row(**cells):
    return {
        "slug": "an-entry",
        "name": "An entry",
        "kind": "approach",
        "sectors": "health",
        "scope": "scotland",
        "summary": "About it.",
        **cells,
    }


def errors_of(**cells):
    return parse_row(row(**cells), ["Covers carers"], sector_names())[1]


def test_a_good_row_gives_its_record_and_no_errors():
    record, errors = parse_row(
        row(year="2016", themes="b; a; b", **{"dimension: Covers carers": "yes"}),
        ["Covers carers"],
        sector_names(),
    )
    assert errors == []
    assert (record["year"], record["themes"], record["sectors"]) == (2016, ["a", "b"], ["health"])
    assert record["dimensions"] == [{"dimension": "Covers carers", "value": "yes", "note": ""}]


def test_the_limits_are_the_models_own():
    title_limit = MappingEntryPage._meta.get_field("title").max_length
    assert errors_of(name="x" * (title_limit + 1)) == [
        f"name is longer than {title_limit} characters."
    ]
    assert errors_of(year="1899") == ["year 1899 is not between 1900 and 2100."]
    assert errors_of(year="-5") == ["year -5 is not between 1900 and 2100."]
    assert errors_of(last_reviewed="31/03/2025") == [
        "last_reviewed “31/03/2025” is not a date like 2025-03-31."
    ]


def test_every_part_of_a_list_is_checked_and_a_percent_sign_is_only_text():
    assert errors_of(
        kind="100%",
        examples="public | ",
        relationships="implements | an-entry",
        **{"note: Covers carers": "a note"},
    ) == [
        "kind “100%” is not one of approach, policy, legislation, framework, project, tool.",
        "example “public |” has no title.",
        "relationship “implements | an-entry” relates the entry to itself.",
        "“Covers carers” has a note but no value.",
    ]


def test_the_form_is_a_django_form_of_the_entrys_fields():
    form = EntryRowForm(row(), dimension_names=[], names_of_sectors=sector_names())
    assert form.is_valid(), form.errors
    for name in ("slug", "title", "summary", "kind", "scope", "year", "last_reviewed"):
        assert form.fields[name].required == (not MappingEntryPage._meta.get_field(name).blank), (
            name
        )
