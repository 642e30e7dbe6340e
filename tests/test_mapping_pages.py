"""The guide's home (filters, counts, search) and an entry's page."""

import pytest
from wagtail.models import Page

from mapping.models import (
    EntryRelationship,
    EntrySource,
    MappingEntryPage,
    MappingGuidePage,
)
from network_site.core.related import pages_sharing_themes
from tests.factories.core import StandardPageFactory
from tests.factories.mapping import (
    ComparisonDimensionFactory,
    MappingEntryPageFactory,
    add_example,
    give_value,
)
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory
from tests.factories.stories import StoryPageFactory, make_story_index

pytestmark = pytest.mark.django_db


def listed_titles(response):
    return [entry.title for entry in response.context["listing"].page.object_list]


def test_guide_can_only_live_under_the_home_page_and_only_once(home_page, guide):
    about = StandardPageFactory(parent=home_page)
    assert not MappingGuidePage.can_create_at(home_page)  # the one there is the limit
    assert not MappingGuidePage.can_create_at(about)
    assert MappingEntryPage.can_create_at(guide)
    assert not MappingEntryPage.can_create_at(home_page)
    assert MappingEntryPage.allowed_subpage_models() == []
    guide.delete()
    assert MappingGuidePage.can_create_at(Page.objects.get(pk=home_page.pk))


def test_guide_lists_live_entries_with_their_kind_and_sectors(client, guide):
    MappingEntryPageFactory(parent=guide, title="Talking Points", kind="approach")
    MappingEntryPageFactory(parent=guide, title="A draft entry", live=False)

    response = client.get("/mapping-guide/")

    assert response.status_code == 200
    assert listed_titles(response) == ["Talking Points"]
    html = response.content.decode()
    assert "Approach" in html and "Social care" in html
    assert 'name="entry" value="' in html  # a compare checkbox for each entry


def test_filters_by_kind_sector_and_example_sector_with_counts(client, guide):
    policy = MappingEntryPageFactory(
        parent=guide, title="Housing policy", kind="policy", sectors=["social-care", "housing"]
    )
    MappingEntryPageFactory(parent=guide, title="Care approach", kind="approach")
    tool = MappingEntryPageFactory(parent=guide, title="Care tool", kind="tool")
    add_example(policy, "third")
    add_example(tool, "third")
    add_example(tool, "private")

    response = client.get("/mapping-guide/", {"example_sector": "third"})
    assert listed_titles(response) == ["Care tool", "Housing policy"]

    response = client.get("/mapping-guide/", {"example_sector": "third", "kind": "policy"})
    assert listed_titles(response) == ["Housing policy"]

    response = client.get("/mapping-guide/", {"sector": "housing"})
    assert listed_titles(response) == ["Housing policy"]

    # Each facet is counted with the other filters applied, so the numbers say what a choice gives.
    response = client.get("/mapping-guide/", {"example_sector": "third"})
    facets = {facet.name: facet.options for facet in response.context["listing"].facets}
    kinds = {option.value: option.count for option in facets["kind"]}
    assert kinds == {"policy": 1, "tool": 1}
    example_sectors = {option.value: option.count for option in facets["example_sector"]}
    assert example_sectors == {"private": 1, "third": 2}
    assert "Policy (1)" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "spaceship"},
        {"sector": "'; DROP TABLE x; --"},
        {"example_sector": ["third", "fourth"]},
        {"page": "minus-one"},
        {"page": "0"},
        {"q": "x" * 201},
        {"kind": "policy\x00"},
    ],
)
def test_junk_filter_values_give_a_message_never_an_error(client, guide, params):
    MappingEntryPageFactory(parent=guide, title="Still listed")

    response = client.get("/mapping-guide/", params)

    assert response.status_code == 200
    assert response.context["listing"].form.errors
    html = response.content.decode()
    assert "There is a problem" in html
    assert listed_titles(response) == ["Still listed"]


def test_junk_page_number_beyond_the_end_shows_the_last_page(client, guide):
    MappingEntryPageFactory(parent=guide, title="Only entry")
    response = client.get("/mapping-guide/", {"page": "999"})
    assert response.status_code == 200
    assert listed_titles(response) == ["Only entry"]


def test_search_within_the_guide(client, guide, home_page):
    MappingEntryPageFactory(
        parent=guide, title="Carers law", summary="Support plans for unpaid carers."
    )
    MappingEntryPageFactory(parent=guide, title="Housing advice", summary="Help to find a home.")
    StandardPageFactory(parent=home_page, title="Carers elsewhere")

    response = client.get("/mapping-guide/", {"q": "carers"})

    assert listed_titles(response) == ["Carers law"]
    assert 'content="noindex"' in response.content.decode()
    # Quotes and operators are dropped rather than passed to the search backend.
    response = client.get("/mapping-guide/", {"q": '"carers" ('})
    assert response.status_code == 200
    assert listed_titles(response) == ["Carers law"]


def test_entry_page_shows_everything_and_related_entries_both_ways(client, guide):
    dimension = ComparisonDimensionFactory(name="Covers carers")
    carers = MappingEntryPageFactory(
        parent=guide,
        title="Carers Act",
        slug="carers-act",
        kind="legislation",
        statutory_basis="Carers (Scotland) Act 2016",
        key_features="Adult carer support plans\nYoung carer statements",
        alike="Carers' own outcomes.",
        different="Eligibility criteria.",
        lead_body="Scottish Government",
        year=2016,
    )
    sds = MappingEntryPageFactory(parent=guide, title="Self-directed Support", slug="sds")
    add_example(carers, "third", "Carers centres", "Writing support plans.")
    EntrySource.objects.create(entry=carers, title="The Act", url="https://example.org/act")
    give_value(carers, dimension, "yes", "Its subject")
    EntryRelationship.objects.create(source=sds, target=carers, kind="overlaps_with", note="Both")
    EntryRelationship.objects.create(source=carers, target=sds, kind="builds_on", note="Options")

    html = client.get("/mapping-guide/carers-act/").content.decode()

    for text in [
        "Legislation",
        "Carers (Scotland) Act 2016",
        "Young carer statements",
        "Carers&#x27; own outcomes.",
        "Eligibility criteria.",
        "Third sector",
        "Carers centres",
        "https://example.org/act",
        "Covers carers",
        "Its subject",
        "Scottish Government",
        "2016",
    ]:
        assert text in html, text
    assert 'Builds on <a href="/mapping-guide/sds/">Self-directed Support</a>: Options' in html
    assert 'Overlaps with <a href="/mapping-guide/sds/">Self-directed Support</a>: Both' in html
    sds_html = client.get("/mapping-guide/sds/").content.decode()
    assert 'Is built on by <a href="/mapping-guide/carers-act/">Carers Act</a>' in sds_html


def test_relationship_to_itself_is_refused(guide):
    from django.core.exceptions import ValidationError

    entry = MappingEntryPageFactory(parent=guide)
    relationship = EntryRelationship(source=entry, target=entry, kind="builds_on")
    with pytest.raises(ValidationError):
        relationship.clean()


def test_an_entry_lists_the_public_stories_and_resources_sharing_a_theme(client, guide):
    entry = MappingEntryPageFactory(parent=guide, title="Carers Act", slug="carers-act")
    entry.themes.add("Carers", "Personal outcomes")
    entry.save()
    stories = make_story_index(guide.get_parent().specific)
    StoryPageFactory(parent=stories, title="Evenings back", themes=["Carers"])
    StoryPageFactory(parent=stories, title="A home near his brother", themes=["Housing"])
    StoryPageFactory(parent=stories, title="Rota troubles", themes=["Carers"], audience="members")
    library = ResourceIndexPageFactory(parent=guide.get_parent())
    ResourcePageFactory(parent=library, title="Outcomes toolkit", topics=["Personal outcomes"])
    ResourcePageFactory(parent=library, title="Housing law", topics=["Housing"])
    ResourcePageFactory(parent=library, title="Draft guide", topics=["Carers"], live=False)

    response = client.get("/mapping-guide/carers-act/")

    # Members-only stories and drafts never show: the entry's page is the same for everyone.
    assert [story.title for story in response.context["stories"]] == ["Evenings back"]
    assert [resource.title for resource in response.context["resources"]] == ["Outcomes toolkit"]
    html = response.content.decode()
    assert "Resources on the same themes" in html
    assert "Outcomes toolkit" in html


def test_related_pages_of_a_type_no_app_registered_or_without_themes_are_none(guide):
    entry = MappingEntryPageFactory(parent=guide)
    entry.themes.add("Carers")
    entry.save()
    assert pages_sharing_themes("no_such_pages", entry.themes.all()) == []
    assert pages_sharing_themes("resources", []) == []
