"""The resource library: filters with counts, junk values, search, pages and a steady query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from network_site.core.models import Sector
from resources.models import Audience, ResourceIndexPage, ResourceType
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def catalogue(library):
    carers = Audience.objects.get(slug="unpaid-carers")
    practitioners = Audience.objects.get(slug="practitioners")
    health = Sector.objects.get(slug="health")
    housing = Sector.objects.get(slug="housing")
    ResourcePageFactory(
        parent=library,
        title="Carer conversations guide",
        summary="How to talk with carers about what matters.",
        resource_type=ResourceType.GUIDE,
        audiences=[carers, practitioners],
        sectors=[health],
        topics=["Carers", "Conversations"],
    )
    ResourcePageFactory(
        parent=library,
        title="Housing outcomes toolkit",
        summary="Measuring change in housing support.",
        resource_type=ResourceType.TOOLKIT,
        audiences=[practitioners],
        sectors=[housing],
        topics=["Housing"],
    )
    ResourcePageFactory(
        parent=library,
        title="Young carers evidence review",
        summary="What research says about young carers.",
        resource_type=ResourceType.RESEARCH,
        audiences=[carers],
        sectors=[health, housing],
        topics=["Carers"],
    )
    return library


def titles(response):
    return [resource.title for resource in response.context["listing"].page]


def counts(response, facet_name):
    facet = next(facet for facet in response.context["listing"].facets if facet.name == facet_name)
    return {option.value: option.count for option in facet.options}


def test_the_library_lists_every_live_resource_by_title(client, catalogue):
    response = client.get("/resources/")
    assert response.status_code == 200
    assert titles(response) == [
        "Carer conversations guide",
        "Housing outcomes toolkit",
        "Young carers evidence review",
    ]
    assert counts(response, "type")["guide"] == 1
    assert "video" not in counts(response, "type")  # nothing matches: not offered
    assert counts(response, "audience")["practitioners"] == 2
    assert counts(response, "audience")["unpaid-carers"] == 2
    assert counts(response, "topic") == {"carers": 2, "conversations": 1, "housing": 1}
    assert counts(response, "sector") == {"health": 2, "housing": 2}
    assert ">Toolkit (1)</label>" in response.content.decode()


def test_filters_narrow_the_list_and_counts_follow_the_other_filters(client, catalogue):
    response = client.get("/resources/", {"audience": "unpaid-carers", "sector": "health"})
    assert titles(response) == ["Carer conversations guide", "Young carers evidence review"]
    # The audience counts ignore the audience filter itself but respect the sector filter.
    assert counts(response, "audience")["unpaid-carers"] == 2
    assert counts(response, "audience")["practitioners"] == 1
    assert counts(response, "type") == {"guide": 1, "research": 1}
    assert counts(response, "sector")["housing"] == 1


def test_two_values_of_one_filter_mean_either(client, catalogue):
    response = client.get("/resources/", {"type": ["guide", "toolkit"]})
    assert titles(response) == ["Carer conversations guide", "Housing outcomes toolkit"]
    response = client.get("/resources/", {"topic": "carers", "type": "research"})
    assert titles(response) == ["Young carers evidence review"]


@pytest.mark.parametrize(
    "query",
    [
        {"type": "podcast"},
        {"audience": "'; DROP TABLE resources_audience; --"},
        {"topic": "no-such-topic"},
        {"sector": ["health", "\x00"]},
        {"type": "guide", "topic": "x" * 5000},
    ],
)
def test_junk_filter_values_get_a_clear_message_and_never_an_error(client, catalogue, query):
    response = client.get("/resources/", query)
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "We do not have that option. Choose from the list." in content
    assert response.context["listing"].form.errors
    # The valid parts of the query still apply; the junk is ignored.
    expected = ["Carer conversations guide"] if query.get("type") == "guide" else None
    if expected:
        assert titles(response) == expected
    else:
        assert len(titles(response)) == 3


def test_search_within_the_library(client, catalogue):
    response = client.get("/resources/", {"q": "housing"})
    assert "Housing outcomes toolkit" in titles(response)
    assert "Carer conversations guide" not in titles(response)
    response = client.get("/resources/", {"q": "research young"})
    assert titles(response) == ["Young carers evidence review"]


def test_search_and_filter_combine(client, catalogue):
    response = client.get("/resources/", {"q": "carers", "type": "research"})
    assert titles(response) == ["Young carers evidence review"]
    assert counts(response, "type")["guide"] == 1


@pytest.mark.parametrize("query", ['"(((', "' OR 1=1 --", "x" * 300, "AND OR NOT"])
def test_odd_searches_never_cause_an_error(client, catalogue, query):
    response = client.get("/resources/", {"q": query})
    assert response.status_code == 200


def test_draft_and_members_only_resources_are_not_listed(client, library):
    ResourcePageFactory(parent=library, title="Published")
    draft = ResourcePageFactory(parent=library, title="Draft")
    draft.unpublish()
    restricted = ResourcePageFactory(parent=library, title="Members only")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/resources/")
    assert titles(response) == ["Published"]
    assert counts(response, "type")["guide"] == 1


def test_results_are_paged_and_junk_page_numbers_are_harmless(client, library):
    for number in range(12):
        ResourcePageFactory(parent=library, title=f"Resource {number:02d}")
    first = client.get("/resources/")
    assert len(titles(first)) == 10
    second = client.get("/resources/", {"page": "2"})
    assert titles(second) == ["Resource 10", "Resource 11"]
    assert 'name="robots" content="noindex"' in second.content.decode()
    for junk in ["0", "-1", "abc", "99999", "1e9"]:
        response = client.get("/resources/", {"page": junk})
        assert response.status_code == 200


def library_queries(client, number_of_resources, library):
    carers = Audience.objects.get(slug="unpaid-carers")
    health = Sector.objects.get(slug="health")
    for number in range(number_of_resources):
        ResourcePageFactory(
            parent=library,
            title=f"Resource {number}",
            audiences=[carers],
            sectors=[health],
            topics=[f"Topic {number % 7}", "Carers"],
        )
    client.get("/resources/")  # warm caches (site, content types) so both runs count the same
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/resources/", {"q": "resource", "topic": "carers", "page": "1"})
    assert response.status_code == 200
    assert len(response.context["listing"].page) == min(10, number_of_resources)
    return len(queries)


@pytest.mark.usefixtures("content_cache_off")
def test_the_library_costs_the_same_number_of_queries_with_5_or_15_resources(client, home_page):
    few_library = ResourceIndexPageFactory(parent=home_page, slug="resources")
    few = library_queries(client, 5, few_library)
    few_library.delete()
    many_library = ResourceIndexPageFactory(parent=home_page, slug="resources")
    many = library_queries(client, 15, many_library)
    assert few == many, (few, many)


def test_only_one_library_under_the_home_page(home_page, library):
    assert not ResourceIndexPage.can_create_at(home_page)
    assert ResourceIndexPage.parent_page_types == ["core.HomePage"]


def test_a_members_only_library_lists_its_resources_to_members(client, library, django_user_model):
    ResourcePageFactory(parent=library, title="For members")
    further = ResourcePageFactory(parent=library, title="For coordinators")
    PageViewRestriction.objects.create(page=library, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=further, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/resources/").status_code == 302
    client.force_login(
        django_user_model.objects.create_user(
            username="reader", email="reader@example.org", password="a-long-password-1"
        )
    )
    assert titles(client.get("/resources/")) == ["For members"]
