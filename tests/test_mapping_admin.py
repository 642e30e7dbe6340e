"""Editors curate the guide in the Wagtail admin: entries with inline children, and dimensions."""

import pytest
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from mapping.models import ComparisonDimension, MappingEntryPage
from tests.factories.mapping import ComparisonDimensionFactory, MappingGuidePageFactory

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
        "applies_to_health": "on",
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
        "dimension_values": inline_formset(
            [{"dimension": str(dimension.pk), "value": "yes", "note": "Its heart"}]
        ),
        "relationships": inline_formset([]),
        **overrides,
    }
    return nested_form_data(data)


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
        ({"applies_to_health": ""}, "applies_to_health"),
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
    if not overrides.get("applies_to_health", True):
        data.pop("applies_to_health")
    # Publishing checks everything (Wagtail lets a draft leave required fields blank).
    data["action-publish"] = "action-publish"

    response = client.post(f"/admin/pages/add/mapping/mappingentrypage/{guide.pk}/", data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not MappingEntryPage.objects.exists()


def test_two_values_for_one_dimension_are_refused(client, editor, home_page):
    guide = MappingGuidePageFactory(parent=home_page)
    dimension = ComparisonDimensionFactory()
    data = entry_form(dimension)
    data.update(
        nested_form_data(
            {
                "dimension_values": inline_formset(
                    [
                        {"dimension": str(dimension.pk), "value": "yes", "note": ""},
                        {"dimension": str(dimension.pk), "value": "no", "note": ""},
                    ]
                )
            }
        )
    )
    response = client.post(f"/admin/pages/add/mapping/mappingentrypage/{guide.pk}/", data)
    assert response.status_code == 200
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
