"""One cleaning of search input (network_site.core.search.clean_query) for every search box: the
site's search page, the listings' search, the API's `?search=` and the admin's listings. Whatever
full-text syntax is typed (quotes, brackets, a bare OR), the answer is what its words would give,
never an error, on SQLite and on PostgreSQL."""

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Phrase, PlainText
from wagtail_factories import DocumentFactory, ImageFactory

from network_site.core.search import clean_query
from tests.factories.core import StandardPageFactory, paragraph_body
from tests.factories.stories import StoryPageFactory

pytestmark = pytest.mark.django_db

FULL_TEXT_SYNTAX = [
    '"',
    'carers"',
    '"carers plan',
    "(((",
    "carers)",
    "OR",
    "carers OR",
    "OR carers",
    "AND OR NOT",
    "NOT carers",
    'carers" OR "1',
    "NEAR(carers plan)",
    "carers:*",
    "title:carers",
    "carers*",
    "-carers",
    "^carers",
    "+carers",
    "{title}: carers",
    "carers & plan | !x",
    "'",
    "carers'",
]


@pytest.fixture
def searchable(home_page, story_index):
    StandardPageFactory(
        parent=home_page,
        title="Carers and their plans",
        body=paragraph_body("An adult carer support plan records what matters."),
    )
    StoryPageFactory(parent=story_index, title="Carers who plan ahead")
    DocumentFactory(title="Carers plan leaflet")
    ImageFactory(title="Carers plan photo")


def titles_on_search_page(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    results = response.context["results_page"]
    return [page.title for page in results] if results else []


def api_titles(client, endpoint, query):
    response = client.get(f"/api/v2/{endpoint}/", {"search": query})
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["items"])


@pytest.mark.parametrize("query", FULL_TEXT_SYNTAX)
def test_the_search_page_and_the_listings_read_only_the_words(
    client, searchable, story_index, query
):
    assert titles_on_search_page(client, query) == titles_on_search_page(client, clean_query(query))
    response = client.get(story_index.url, {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("endpoint", ["pages", "documents", "images"])
@pytest.mark.parametrize("query", FULL_TEXT_SYNTAX)
def test_the_api_search_reads_only_the_words(client, searchable, endpoint, query):
    # Before: SQLite's full-text engine was handed the raw text, and a quote or a bracket was a 500.
    assert api_titles(client, endpoint, query) == api_titles(client, endpoint, clean_query(query))


ADMIN_LISTINGS = ["/admin/pages/search/", "/admin/images/", "/admin/documents/"]


@pytest.mark.parametrize("listing", ADMIN_LISTINGS)
@pytest.mark.parametrize("query", FULL_TEXT_SYNTAX)
def test_the_admin_listings_never_fail_on_full_text_syntax(
    admin_client, searchable, listing, query
):
    # The admin's page search reads quotes as a phrase and `title:` as a filter (Wagtail's own
    # query parser); the words it hands on to the search backend are cleaned there.
    assert admin_client.get(listing, {"q": query}).status_code == 200


def test_the_words_found_are_the_same_as_typed_plainly(client, searchable):
    assert api_titles(client, "pages", '"carers" (plan)') == api_titles(
        client, "pages", "carers plan"
    )
    assert "Carers and their plans" in titles_on_search_page(client, '"carers plans"')


def test_query_objects_built_from_typed_text_are_cleaned_too(searchable):
    # The admin's page search parses what was typed into query objects before the backend sees it.
    hostile = And([Phrase('carers" (plans'), PlainText('NEAR("carers')])
    plain = And([Phrase("carers plans"), PlainText("NEAR carers")])
    backend = get_search_backend()
    assert list(backend.search(hostile, Page)) == list(backend.search(plain, Page))
