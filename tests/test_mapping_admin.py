"""Editors curate the guide in the Wagtail admin: entries with inline children, and dimensions."""

import pytest
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from mapping.models import ComparisonDimension, EntryDimensionValue, MappingEntryPage
from network_site.core.models import Sector
from tests.factories.mapping import (
    ComparisonDimensionFactory,
    MappingEntryPageFactory,
    MappingGuidePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-x9!long")
    client.force_login(user)
    return user


def entry_form(dimension, **overrides):
    data = {
        "title": "Talking Points",
        "slug": "talking-points",
        "kind": "approach",
        "scope": "scotland",
        "year": "2012",
        "lead_body": "Joint Improvement Team",
        "statutory_basis": "",
        "summary": "Outcomes found in conversation.",
        "key_features": "Good conversations",
        "alike": "",
        "different": "",
        "themes": "personal outcomes",
        "last_reviewed": "",
        "reviewed_by": "",
        "examples": inline_formset(
            [{"sector": "third", "title": "Support providers", "description": ""}]
        ),
        "sources": inline_formset([{"title": "The guide", "url": "https://example.org/guide"}]),
        "relationships": inline_formset([]),
    }
    data = nested_form_data(data)
    data["sectors"] = [str(Sector.objects.get(slug="health").pk)]
    data.update(
        {f"dimension_{dimension.pk}_value": "yes", f"dimension_{dimension.pk}_note": "Its heart"}
    )
    data.update(overrides)
    return data


def test_editor_saves_an_entry_as_a_draft_with_its_children(client, editor, home_page):
    guide = MappingGuidePageFactory(parent=home_page)
    dimension = ComparisonDimensionFactory(name="Starts from what matters")

    response = client.post(
        f"/admin/pages/add/mapping/mappingentrypage/{guide.pk}/", entry_form(dimension)
    )

    assert response.status_code == 302, response.context["form"].errors
    entry = MappingEntryPage.objects.get(slug="talking-points")
    assert not entry.live  # a draft until published or approved
    draft = entry.get_latest_revision_as_object()
    assert [example.title for example in draft.examples.all()] == ["Support providers"]
    assert [value.note for value in draft.dimension_values.all()] == ["Its heart"]
    assert Revision.objects.filter(object_id=str(entry.pk)).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"sectors": []}, "sectors"),
        ({"kind": "spaceship"}, "kind"),
        ({"year": "1066"}, "year"),
        ({"summary": ""}, "summary"),
    ],
)
def test_bad_entry_is_refused_with_a_message_and_nothing_saved(
    client, editor, home_page, overrides, field
):
    guide = MappingGuidePageFactory(parent=home_page)
    dimension = ComparisonDimensionFactory()
    data = entry_form(dimension)
    data.update(overrides)
    # Publishing checks everything (Wagtail lets a draft leave required fields blank).
    data["action-publish"] = "action-publish"

    response = client.post(f"/admin/pages/add/mapping/mappingentrypage/{guide.pk}/", data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not MappingEntryPage.objects.exists()


def test_edit_form_shows_every_dimension_as_one_table_row_and_names_the_unanswered(
    client, editor, guide
):
    answered = ComparisonDimensionFactory(name="Starts from what matters", sort_order=1)
    ComparisonDimensionFactory(name="Involves carers", sort_order=2)
    ComparisonDimensionFactory(name="Measures outcomes", sort_order=3)
    entry = MappingEntryPageFactory(parent=guide)
    entry.dimension_values = [EntryDimensionValue(dimension=answered, value="yes", note="Core")]
    entry.save_revision().publish()

    response = client.get(f"/admin/pages/{entry.pk}/edit/")

    html = response.content.decode()
    table = html[html.index('class="listing dimension-table"') :]
    table = table[: table.index("</table>")]
    assert table.count('<th scope="row">') == 3
    assert table.index("Starts from what matters") < table.index("Involves carers")
    assert '<option value="yes" selected>' in table and 'value="Core"' in table
    assert "No answer yet for 2 of 3 dimensions: Involves carers; Measures outcomes." in html
    # One select per value, in the page: no chooser to open for each dimension.
    assert "dimension_values-TOTAL_FORMS" not in html


def test_editor_answers_dimensions_in_the_table_and_clears_one(client, editor, guide):
    kept = ComparisonDimensionFactory(name="Starts from what matters", sort_order=1)
    cleared = ComparisonDimensionFactory(name="Involves carers", sort_order=2)
    data = entry_form(kept)
    response = client.post(f"/admin/pages/add/mapping/mappingentrypage/{guide.pk}/", data)
    assert response.status_code == 302
    entry = MappingEntryPage.objects.get(slug="talking-points")

    data = entry_form(kept)
    data.update({f"dimension_{cleared.pk}_value": "partly", f"dimension_{cleared.pk}_note": "Some"})
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{entry.pk}/edit/", data)
    assert response.status_code == 302
    entry.refresh_from_db()
    values = {v.dimension.name: (v.value, v.note) for v in entry.dimension_values.all()}
    assert values == {
        "Starts from what matters": ("yes", "Its heart"),
        "Involves carers": ("partly", "Some"),
    }

    data[f"dimension_{cleared.pk}_value"] = ""
    data[f"dimension_{cleared.pk}_note"] = ""
    client.post(f"/admin/pages/{entry.pk}/edit/", data)
    entry.refresh_from_db()
    assert [v.dimension.name for v in entry.dimension_values.all()] == ["Starts from what matters"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"value": "maybe", "note": ""},  # not a choice
        {"value": "", "note": "A note with no answer"},
        {"value": "yes", "note": "x" * 256},
    ],
)
def test_bad_dimension_answer_is_refused_beside_its_row(client, editor, guide, overrides):
    dimension = ComparisonDimensionFactory(name="Starts from what matters")
    data = entry_form(dimension)
    data[f"dimension_{dimension.pk}_value"] = overrides["value"]
    data[f"dimension_{dimension.pk}_note"] = overrides["note"]

    response = client.post(f"/admin/pages/add/mapping/mappingentrypage/{guide.pk}/", data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert f"dimension_{dimension.pk}_value" in errors or f"dimension_{dimension.pk}_note" in errors
    assert 'class="error-message"' in response.content.decode()
    assert not MappingEntryPage.objects.exists()


def test_editor_keeps_the_dimension_list_without_code(client, editor):
    response = client.post(
        "/admin/snippets/mapping/comparisondimension/add/",
        {"name": "Covers carers", "sort_order": "10"},
    )
    assert response.status_code == 302
    assert ComparisonDimension.objects.get().name == "Covers carers"

    response = client.post(
        "/admin/snippets/mapping/comparisondimension/add/", {"name": "", "sort_order": "x"}
    )
    assert response.status_code == 200
    assert ComparisonDimension.objects.count() == 1


def test_editor_previews_an_unsaved_entry_with_its_children(client, editor, home_page):
    guide = MappingGuidePageFactory(parent=home_page)
    dimension = ComparisonDimensionFactory(name="Starts from what matters")
    preview_url = f"/admin/pages/add/mapping/mappingentrypage/{guide.pk}/preview/"

    response = client.post(preview_url, entry_form(dimension))
    assert response.json()["is_valid"]
    response = client.get(preview_url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Support providers" in html and "Its heart" in html
    assert not MappingEntryPage.objects.exists()


def test_preview_compares_the_edited_entry_with_its_related_entries(client, editor, guide):
    dimension = ComparisonDimensionFactory(name="Starts from what matters")
    related = MappingEntryPageFactory(parent=guide, title="Self-directed support", kind="policy")
    related.dimension_values = [EntryDimensionValue(dimension=dimension, value="partly")]
    related.save_revision().publish()
    unrelated = MappingEntryPageFactory(parent=guide, title="Unrelated tool")
    data = entry_form(dimension)
    data.update(
        nested_form_data(
            {
                "relationships": inline_formset(
                    [{"kind": "builds_on", "target": str(related.pk), "note": ""}]
                )
            }
        )
    )
    preview_url = f"/admin/pages/add/mapping/mappingentrypage/{guide.pk}/preview/"

    assert client.post(preview_url, data).json()["is_valid"]
    html = client.get(preview_url).content.decode()

    section = html[html.index("How it compares with its related entries") :]
    section = section[: section.index("</section>")]
    assert "Talking Points" in section and "Self-directed support" in section
    assert unrelated.title not in section
    assert "Yes" in section and "Its heart" in section and "Partly" in section
    assert "Differs" in section  # an approach beside a policy
    # Visitors never see it on the published page.
    assert "How it compares with its related" not in client.get(related.url).content.decode()
