"""The matrix (entries against dimensions and sectors) and the CSV and JSON exports."""

import csv
import io
import json
import re

import pytest

from tests.factories.mapping import (
    ComparisonDimensionFactory,
    MappingEntryPageFactory,
    add_example,
    give_value,
)

pytestmark = pytest.mark.django_db


def map_rows(html, caption_id):
    """{entry title: [each cell's text]} for the map table with this caption, as shown."""
    table = html[html.index(f'<caption id="{caption_id}"') :]
    table = table[: table.index("</table>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        title = re.search(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', row)
        if title:
            rows[title.group(1)] = re.findall(r'<td class="mapping-cell [^"]+">([^<]*)</td>', row)
    return rows


def test_matrix_is_a_real_table_of_entries_against_dimensions_and_sectors(client, guide):
    strengths = ComparisonDimensionFactory(name="Strengths-based", sort_order=1)
    ComparisonDimensionFactory(name="Co-production", sort_order=2)
    talking = MappingEntryPageFactory(
        parent=guide, title="Talking Points", sectors=["social-care", "health"]
    )
    MappingEntryPageFactory(parent=guide, title="Housing Options", sectors=["housing"])
    give_value(talking, strengths, "partly")

    response = client.get("/mapping-guide/matrix/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<caption") == 2
    assert '<th scope="col">Strengths-based</th>' in html
    assert '<th scope="col">Housing</th>' in html
    assert f'<th scope="row"><a href="{talking.url}">Talking Points</a>' in html
    assert map_rows(html, "dimensions-caption")["Talking Points"] == ["Partly", "Not given"]
    assert '<td class="mapping-cell mapping-value--partly">Partly</td>' in html
    assert '<td class="mapping-cell mapping-value--none">Not given</td>' in html
    # A column for each shared sector some entry applies to, in the list's order.
    assert [name for _slug, name in response.context["sectors"]] == [
        "Health",
        "Social care",
        "Housing",
    ]
    sectors = map_rows(html, "sectors-caption")
    assert sectors["Housing Options"] == ["No", "No", "Yes"]
    assert sectors["Talking Points"] == ["Yes", "Yes", "No"]
    assert '<td class="mapping-cell mapping-value--yes">Yes</td>' in html
    # Each table scrolls in its own focusable, labelled box.
    assert html.count('role="region" aria-labelledby="') == 2


def test_matrix_follows_the_guide_filters_and_ignores_junk(client, guide):
    MappingEntryPageFactory(parent=guide, title="A tool", kind="tool")
    MappingEntryPageFactory(parent=guide, title="A policy", kind="policy")
    response = client.get("/mapping-guide/matrix/", {"kind": "tool"})
    assert [title for title, _kind, _url, _cells in response.context["dimension_rows"]] == [
        "A tool"
    ]
    response = client.get("/mapping-guide/matrix/", {"kind": "nonsense", "sector": "<b>"})
    assert response.status_code == 200
    assert len(response.context["dimension_rows"]) == 2


def test_gap_map_colours_each_cell_by_its_answer_and_says_it_too(client, guide):
    questions = [
        ComparisonDimensionFactory(name=f"Question {number}", sort_order=number)
        for number in range(5)
    ]
    entry = MappingEntryPageFactory(parent=guide, title="Talking Points", kind="approach")
    for question, answer in zip(questions, ["yes", "partly", "no", "n/a"], strict=False):
        give_value(entry, question, answer)

    html = client.get("/mapping-guide/matrix/").content.decode()

    cells = re.findall(r'<td class="mapping-cell mapping-value--([a-z]+)">([^<]+)</td>', html)
    assert cells[:5] == [
        ("yes", "Yes"),
        ("partly", "Partly"),
        ("no", "No"),
        ("na", "Not applicable"),
        ("none", "Not given"),
    ]
    # A key names every colour in words.
    key = re.search(r'<ul class="mapping-key" aria-label="Key">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r">([^<]+)</span>", key) == [
        "Yes",
        "Partly",
        "No",
        "Not applicable",
        "Not given",
    ]
    assert '<span class="mapping-kind">Approach</span>' in html


def test_gap_map_filters_by_kind_and_sector_on_the_map(client, guide):
    MappingEntryPageFactory(
        parent=guide, title="A housing tool", kind="tool", sectors=["social-care", "housing"]
    )
    MappingEntryPageFactory(
        parent=guide, title="A health tool", kind="tool", sectors=["social-care", "health"]
    )
    MappingEntryPageFactory(
        parent=guide, title="A policy", kind="policy", sectors=["social-care", "housing"]
    )

    response = client.get("/mapping-guide/matrix/", {"kind": "tool", "sector": "housing"})

    html = response.content.decode()
    assert [title for title, _kind, _url, _cells in response.context["dimension_rows"]] == [
        "A housing tool"
    ]
    form = re.search(r'<form method="get" action="/mapping-guide/matrix/".*?</form>', html, re.S)
    assert form, "the map has its own filter form"
    assert '<option value="tool" selected>' in form.group(0)
    assert '<option value="housing" selected>' in form.group(0)
    assert '<meta name="robots" content="noindex">' in html


def test_gap_map_keeps_a_search_from_the_list_and_explains_a_bad_filter(client, guide):
    MappingEntryPageFactory(parent=guide, title="Talking Points", kind="approach")
    MappingEntryPageFactory(parent=guide, title="Outcomes Star", kind="tool")

    response = client.get("/mapping-guide/matrix/", {"q": "talking", "kind": "spaceship"})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<input type="hidden" name="q" value="talking" id="id_q">' in html
    assert "ds_error-summary" in html
    assert 'aria-invalid="true"' in html
    assert "spaceship" not in re.search(r'<select[^>]*name="kind".*?</select>', html, re.S).group(0)


def test_gap_map_with_no_match_says_so(client, guide):
    MappingEntryPageFactory(parent=guide, title="A tool", kind="tool")

    html = client.get("/mapping-guide/matrix/", {"kind": "policy"}).content.decode()

    assert "No entry matches these filters." in html
    assert "<table" not in html


@pytest.fixture
def exported_guide(guide):
    dimension = ComparisonDimensionFactory(name="Covers carers")
    act = MappingEntryPageFactory(
        parent=guide,
        title="Carers Act",
        slug="carers-act",
        kind="legislation",
        year=2016,
        key_features="Adult carer support plans\nYoung carer statements",
    )
    MappingEntryPageFactory(parent=guide, title="Outcomes Star", slug="outcomes-star", kind="tool")
    add_example(act, "third", "Carers centres", "Support plans.")
    give_value(act, dimension, "yes", "Its subject")
    act.themes.add("carers")
    act.save()
    return guide


def test_csv_export_of_the_whole_guide(client, exported_guide):
    response = client.get("/mapping-guide/export/csv/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="mapping-guide.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["slug"] for row in rows] == ["carers-act", "outcomes-star"]
    act = rows[0]
    assert act["kind"] == "legislation"
    assert act["year"] == "2016"
    assert act["sectors"] == "Social care"  # the shared sector's name, for people to read
    assert act["key_features"] == "Adult carer support plans\nYoung carer statements"
    assert act["examples"] == "third | Carers centres | Support plans."
    assert act["example_sectors"] == "third"
    assert act["themes"] == "carers"
    assert act["dimension: Covers carers"] == "yes"
    assert act["note: Covers carers"] == "Its subject"
    assert act["url"].endswith("/mapping-guide/carers-act/")


def test_json_export_of_a_filtered_view(client, exported_guide):
    response = client.get("/mapping-guide/export/json/", {"kind": "tool", "sector": "junk"})

    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["dimensions"] == ["Covers carers"]
    assert [entry["slug"] for entry in data["entries"]] == ["outcomes-star"]
    assert data["entries"][0]["examples"] == []
    assert data["entries"][0]["dimensions"] == []


def test_guide_home_offers_exports_of_what_it_shows(client, exported_guide):
    html = client.get("/mapping-guide/", {"kind": "tool", "page": "1"}).content.decode()
    assert 'href="/mapping-guide/export/csv/?kind=tool"' in html
    assert 'href="/mapping-guide/export/json/?kind=tool"' in html
