"""The import command: export then import gives the same records; bad rows are named and skipped."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from mapping.models import ComparisonDimension, EntryRelationship, EntrySource, MappingEntryPage
from mapping.records import csv_header
from tests.factories.mapping import (
    ComparisonDimensionFactory,
    MappingEntryPageFactory,
    MappingGuidePageFactory,
    add_example,
    give_value,
)

pytestmark = pytest.mark.django_db


class TerminalOutput(io.StringIO):
    def isatty(self):
        return True


def run_import(path, stdout=None):
    stdout = stdout or io.StringIO()
    stderr = io.StringIO()
    try:
        call_command("import_mapping_guide", str(path), stdout=stdout, stderr=stderr)
    except CommandError as error:
        return stdout.getvalue(), stderr.getvalue(), str(error)
    return stdout.getvalue(), stderr.getvalue(), None


def write_csv(tmp_path, rows, dimension_names=()):
    path = tmp_path / "guide.csv"
    with open(path, "w", newline="", encoding="utf-8") as csv_file:
        writer = csv.DictWriter(csv_file, fieldnames=csv_header(list(dimension_names)))
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


def good_row(slug, **fields):
    return {
        "slug": slug,
        "name": slug.replace("-", " ").title(),
        "kind": "approach",
        "sectors": "health; housing",
        "scope": "scotland",
        "summary": f"About {slug}.",
        **fields,
    }


def build_varied_guide(guide):
    carers = ComparisonDimensionFactory(name="Covers carers", sort_order=1)
    strengths = ComparisonDimensionFactory(name="Strengths-based", sort_order=2)
    act = MappingEntryPageFactory(
        parent=guide,
        title="Carers Act, “2016”",
        slug="carers-act",
        kind="legislation",
        year=2016,
        lead_body="Scottish Government",
        statutory_basis="Carers (Scotland) Act 2016",
        key_features="Support plans, with commas\nYoung carer statements",
        alike="Outcomes | in law.",
        different="Line one\nline two",
        # Formula-like text is marked as text in the CSV, and read back as it was.
        summary="=SUM(A1) is not a formula here",
        reviewed_by="Editor",
        sectors=["social-care", "health"],
    )
    act.last_reviewed = "2026-10-01"
    act.themes.add("carers", "personal outcomes")
    act.save_revision().publish()
    tool = MappingEntryPageFactory(parent=guide, title="A tool", slug="a-tool", kind="tool")
    add_example(act, "third", "Carers centres", "Plans | with a pipe.")
    add_example(act, "public", "Councils")
    EntrySource.objects.create(entry=act, title="The Act", url="https://example.org/act")
    give_value(act, carers, "yes", "Its subject")
    give_value(act, strengths, "partly")
    give_value(tool, strengths, "n/a", "Not a practice model")
    EntryRelationship.objects.create(source=act, target=tool, kind="builds_on", note="A note")
    EntryRelationship.objects.create(source=tool, target=act, kind="overlaps_with")


def test_export_then_import_gives_the_same_records(client, guide, tmp_path):
    build_varied_guide(guide)
    exported = client.get("/mapping-guide/export/csv/").content.decode()
    path = tmp_path / "export.csv"
    path.write_text(exported, encoding="utf-8")

    for entry in MappingEntryPage.objects.all():
        entry.delete()
    ComparisonDimension.objects.all().delete()
    assert not MappingEntryPage.objects.exists()

    stdout, stderr, error = run_import(path)

    assert error is None, stderr
    assert "2 created" in stdout
    assert client.get("/mapping-guide/export/csv/").content.decode() == exported
    assert list(ComparisonDimension.objects.values_list("name", flat=True)) == [
        "Covers carers",
        "Strengths-based",
    ]

    # The same file again changes nothing and adds no revision.
    revisions = Revision.objects.count()
    stdout, _, error = run_import(path)
    assert error is None
    assert "0 created, 0 updated, 2 unchanged" in stdout
    assert Revision.objects.count() == revisions


def test_import_updates_an_existing_entry_and_publishes_it(client, guide, tmp_path):
    MappingEntryPageFactory(parent=guide, slug="talking-points", title="Old name")
    path = write_csv(tmp_path, [good_row("talking-points", name="Talking Points")])

    stdout, _, error = run_import(path)

    assert error is None
    assert "1 updated" in stdout
    entry = MappingEntryPage.objects.get(slug="talking-points")
    assert entry.title == "Talking Points" and entry.live and not entry.has_unpublished_changes
    assert [sector.name for sector in entry.sector_list] == ["Health", "Housing"]


def test_sectors_are_read_by_name_by_slug_or_in_the_old_spelling(guide, tmp_path):
    path = write_csv(
        tmp_path,
        [good_row("spelt-three-ways", sectors="social care; housing; wider_public_services")],
    )

    _, stderr, error = run_import(path)

    assert error is None, stderr
    entry = MappingEntryPage.objects.get(slug="spelt-three-ways")
    assert [sector.slug for sector in entry.sector_list] == [
        "social-care",
        "housing",
        "wider-public-services",
    ]


def test_rows_may_point_at_entries_in_later_rows(guide, tmp_path):
    path = write_csv(
        tmp_path,
        [
            good_row("first", relationships="builds_on | second | It comes later"),
            good_row("second"),
        ],
    )
    _, _, error = run_import(path)
    assert error is None
    relation = EntryRelationship.objects.get()
    assert (relation.source.slug, relation.target.slug, relation.note) == (
        "first",
        "second",
        "It comes later",
    )


def test_bad_rows_are_named_by_line_and_nothing_of_them_is_saved(guide, tmp_path):
    rows = [
        # Line 2, over three lines: a good row with a multi-line cell.
        good_row("good-one", key_features="One\nTwo\nThree"),
        good_row("bad-kind", kind="spaceship"),  # line 5
        good_row("bad-year", year="twenty"),  # line 6
        good_row("bad-value", **{"dimension: Covers carers": "maybe"}),  # line 7
        good_row("good-one"),  # line 8: the slug again
        good_row("points-nowhere", relationships="implements | no-such-entry | x"),  # line 9
        good_row("points-at-rejected", relationships="overlaps_with | bad-kind"),  # line 10
        good_row("bad-link", sources="A source | not-a-link"),  # line 11
        good_row("Bad Slug!"),  # line 12
        good_row("no-sector", sectors="", summary=""),  # line 13
        good_row("unknown-sector", sectors="Health; Space travel"),  # line 14
    ]
    path = write_csv(tmp_path, rows, ["Covers carers"])

    stdout, stderr, error = run_import(path)

    assert error == "10 row(s) rejected; see the lines named above."
    lines = stderr.splitlines()
    assert lines == [
        "Line 5: rejected: kind “spaceship” is not one of approach, policy, legislation, "
        "framework, project, tool.",
        "Line 6: rejected: year “twenty” is not a whole number.",
        "Line 7: rejected: “Covers carers” is “maybe”, not one of yes, partly, no, n/a.",
        "Line 8: rejected: slug “good-one” is already used on line 2.",
        "Line 9: rejected: relationship names “no-such-entry”, which is not in the guide or "
        "among the accepted rows.",
        "Line 10: rejected: relationship names “bad-kind”, which is not in the guide or among "
        "the accepted rows.",
        "Line 11: rejected: source “A source | not-a-link” needs a title, then | and an "
        "http(s) link.",
        "Line 12: rejected: slug “Bad Slug!” must be letters, numbers, hyphens or underscores.",
        "Line 13: rejected: summary is empty. sectors is empty: give at least one.",
        "Line 14: rejected: unknown sector(s): Space travel. Give each by its name or slug, "
        "from: Health, Social care, Housing, Education, Third sector, Independent sector, "
        "Community, Wider public services, Unpaid carer or person with lived experience, Other.",
    ]
    assert "Imported 1 row(s): 1 created" in stdout
    assert list(MappingEntryPage.objects.values_list("slug", flat=True)) == ["good-one"]
    assert MappingEntryPage.objects.get().key_feature_list == ["One", "Two", "Three"]
    assert not EntryRelationship.objects.exists()


def test_a_row_with_the_wrong_number_of_cells_is_rejected(guide, tmp_path):
    path = write_csv(tmp_path, [good_row("fine")])
    with open(path, "a", encoding="utf-8") as csv_file:
        csv_file.write("short,row\n")
    _, stderr, error = run_import(path)
    assert "Line 3: rejected: it has 2 cells; the header has 20." in stderr
    assert error
    assert list(MappingEntryPage.objects.values_list("slug", flat=True)) == ["fine"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "The file is empty: it needs a header row."),
        ("slug,name\nx,y\n", "Line 1: The header row lacks the column(s): kind, sectors"),
        (",".join(csv_header([])) + ",colour\n", "Line 1: Unknown column “colour”."),
        (",".join(csv_header([])) + ",dimension: Lonely\n", "needs a “note: Lonely” column"),
    ],
)
def test_unreadable_headers_stop_the_import(guide, tmp_path, content, message):
    path = tmp_path / "broken.csv"
    path.write_text(content, encoding="utf-8")
    _, _, error = run_import(path)
    assert error and message in error
    assert not MappingEntryPage.objects.exists()


def test_import_needs_a_guide_and_a_readable_file(home_page, tmp_path):
    _, _, error = run_import(tmp_path / "guide.csv")
    assert error == "There is no mapping guide page to import into: create one first."
    MappingGuidePageFactory(parent=home_page)
    _, _, error = run_import(tmp_path / "missing.csv")
    assert error.startswith("Cannot read")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00bad")
    _, _, error = run_import(binary)
    assert "is not UTF-8 text" in error


def test_progress_bar_only_on_a_terminal(guide, tmp_path):
    path = write_csv(tmp_path, [good_row("one"), good_row("two")])

    terminal = TerminalOutput()
    stdout, _, _ = run_import(path, stdout=terminal)
    assert "\r[###############---------------] 1/2 one" in stdout
    assert "\r[##############################] 2/2 two" in stdout

    stdout, _, _ = run_import(path)
    assert "[" not in stdout and "\r" not in stdout
