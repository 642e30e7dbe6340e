"""Compare: 2 to 4 entries side by side, the rows that differ, and the generated summary."""

import re

import pytest

from tests.factories.mapping import (
    ComparisonDimensionFactory,
    MappingEntryPageFactory,
    add_example,
    give_value,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_entries(guide):
    """Three entries whose likenesses and differences are known."""
    what_matters = ComparisonDimensionFactory(name="Starts from what matters", sort_order=1)
    carers = ComparisonDimensionFactory(name="Covers carers", sort_order=2)
    duty = ComparisonDimensionFactory(name="Statutory duty", sort_order=3)
    talking = MappingEntryPageFactory(
        parent=guide,
        title="Talking Points",
        slug="talking-points",
        kind="approach",
        scope="scotland",
        year=2012,
        sectors=["social-care", "health"],
    )
    act = MappingEntryPageFactory(
        parent=guide,
        title="Carers Act",
        slug="carers-act",
        kind="legislation",
        scope="scotland",
        year=2016,
        statutory_basis="Carers (Scotland) Act 2016",
        sectors=["social-care", "wider-public-services"],
    )
    star = MappingEntryPageFactory(
        parent=guide,
        title="Outcomes Star",
        slug="outcomes-star",
        kind="tool",
        scope="uk",
        sectors=["housing"],
    )
    add_example(talking, "public")
    add_example(act, "third")
    for entry, values in [
        (talking, ["yes", "yes", "no"]),
        (act, ["yes", "yes", "yes"]),
        (star, ["partly", "n/a", "no"]),
    ]:
        for dimension, value in zip([what_matters, carers, duty], values, strict=True):
            give_value(entry, dimension, value, note=f"{entry.title} note")
    return talking, act, star


def compare(client, *slugs):
    return client.get("/mapping-guide/compare/", {"entry": list(slugs)})


def test_two_entries_side_by_side_with_a_summary(client, known_entries):
    response = compare(client, "talking-points", "carers-act")

    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [entry.title for entry in comparison.entries] == ["Talking Points", "Carers Act"]
    assert comparison.shared == [
        "Both apply to social care.",
        "Both apply in Scotland.",
        "They give the same answer on “Starts from what matters” (yes) and “Covers carers” (yes).",
    ]
    assert comparison.differences == [
        "They are different kinds of thing: Talking Points is an approach; Carers Act is "
        "legislation.",
        "Beyond that, Talking Points also covers health; Carers Act also covers wider public "
        "services.",
        "Only Carers Act has a statutory basis.",
        "They answer differently on “Statutory duty”: no for Talking Points, yes for Carers Act.",
    ]
    differing = {row.label for row in comparison.rows if row.differs}
    assert differing == {
        "Kind",
        "Sectors it applies to",
        "Examples from",
        "Year",
        "Statutory basis",
        "Statutory duty",
    }
    html = response.content.decode()
    # Differing rows are named in words, not by colour alone.
    assert html.count('<strong class="ds_tag mapping-differs">Differs</strong>') == len(differing)
    assert (
        '<th scope="col"><a href="/mapping-guide/talking-points/">Talking Points</a></th>' in html
    )
    assert "Talking Points note" in html
    assert "<caption" in html


def test_summary_of_entries_with_little_in_common(client, known_entries):
    comparison = compare(client, "outcomes-star", "talking-points").context["comparison"]
    assert comparison.shared == [
        "Neither has a statutory basis.",
        "They give the same answer on “Statutory duty” (no).",
    ]
    assert comparison.differences == [
        "They are different kinds of thing: Outcomes Star is a tool; Talking Points is an "
        "approach.",
        "They share no sector: Outcomes Star covers housing; Talking Points covers health and "
        "social care.",
        "Their reach differs: Outcomes Star applies across the UK; Talking Points applies in "
        "Scotland.",
        # One difference a line.
        "They answer differently on “Starts from what matters”: partly for Outcomes Star, yes "
        "for Talking Points.",
        "They answer differently on “Covers carers”: not applicable for Outcomes Star, yes for "
        "Talking Points.",
    ]


def test_four_entries_are_compared_and_grouped_in_the_summary(client, guide, known_entries):
    MappingEntryPageFactory(
        parent=guide, title="Another tool", slug="another-tool", kind="tool", scope="uk"
    )
    response = compare(client, "talking-points", "carers-act", "outcomes-star", "another-tool")

    comparison = response.context["comparison"]
    assert len(comparison.entries) == 4
    assert comparison.differences[0] == (
        "They are different kinds of thing: Talking Points is an approach; Carers Act is "
        "legislation; Outcomes Star and Another tool are tools."
    )
    assert comparison.differences[2] == (
        "Their reach differs: Talking Points and Carers Act apply in Scotland; Outcomes Star and "
        "Another tool apply across the UK."
    )
    # Another tool has no dimension values, so no dimension can be said to be shared or not.
    assert not any("answer" in sentence for sentence in comparison.shared + comparison.differences)
    assert "Not given" in response.content.decode()


def test_the_same_entry_twice_counts_once(client, known_entries):
    response = compare(client, "talking-points", "talking-points", "carers-act")
    assert len(response.context["comparison"].entries) == 2


@pytest.mark.parametrize(
    ("slugs", "message"),
    [
        (["talking-points"], "Choose at least 2 entries to compare: you chose 1."),
        (
            ["talking-points", "carers-act", "outcomes-star", "entry-a", "entry-b"],
            "Choose no more than 4 entries to compare: you chose 5.",
        ),
        (["talking-points", "no-such-entry"], "The guide has no entry “no-such-entry”."),
        (["talking-points", "<script>alert(1)</script>"], "The guide has no entry"),
        (["", ""], "Choose 2 to 4 entries to compare."),
    ],
)
def test_wrong_number_or_unknown_entries_give_a_clear_message(
    client, guide, known_entries, slugs, message
):
    MappingEntryPageFactory(parent=guide, slug="entry-a")
    MappingEntryPageFactory(parent=guide, slug="entry-b")

    response = compare(client, *slugs)

    assert response.status_code == 200
    assert response.context["comparison"] is None
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert "<script>alert(1)</script>" not in html
    # The picker is offered again, with the known entries that were chosen still ticked.
    assert re.search(r'<input class="ds_checkbox__input" [^>]* value="talking-points"', html)


def test_draft_entries_cannot_be_compared(client, guide, known_entries):
    MappingEntryPageFactory(parent=guide, slug="draft-entry", live=False)
    response = compare(client, "talking-points", "draft-entry")
    assert response.context["comparison"] is None
    assert "The guide has no entry “draft-entry”" in response.content.decode()


def test_compare_without_a_choice_offers_the_picker(client, known_entries):
    response = client.get("/mapping-guide/compare/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" not in html
    assert "Choose 2 to 4 entries to compare" in html
    assert html.count('type="checkbox" name="entry"') == 3


def test_a_comparison_has_a_shareable_address(client, known_entries):
    response = compare(client, "carers-act", "outcomes-star")
    assert (
        'href="/mapping-guide/compare/?entry=carers-act&amp;entry=outcomes-star"'
        in response.content.decode()
    )
