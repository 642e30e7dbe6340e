import re

import pytest

from tests.factories.core import StandardPageFactory, paragraph_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def searchable_pages(home_page):
    StandardPageFactory(
        parent=home_page,
        title="Carers and their plans",
        slug="carers",
        body=paragraph_body("An adult carer support plan records what matters to the carer."),
    )
    StandardPageFactory(
        parent=home_page, title="Unrelated", slug="unrelated", body=paragraph_body("Nothing here.")
    )


def test_search_finds_a_page_by_a_word_in_its_body(client, searchable_pages):
    response = client.get("/search/", {"q": "support plan"})
    assert response.status_code == 200
    titles = [result.title for result in response.context["results_page"]]
    assert titles == ["Carers and their plans"]


def test_empty_query_shows_the_form_without_results(client, searchable_pages):
    response = client.get("/search/", {"q": ""})
    assert response.status_code == 200
    assert response.context["results_page"] is None
    assert "Enter a word or phrase" in response.content.decode()


def test_a_very_long_query_gets_a_clear_message(client, searchable_pages):
    response = client.get("/search/", {"q": "carer " * 834})
    assert response.status_code == 200
    assert "Search for 200 characters or fewer" in response.content.decode()
    assert response.context["results_page"] is None


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "carer's self-directed",
        "%00%ff",
        "\x00\x1f",
        "AND OR NOT",
        '"',
        "(((",
        "ñ 漢字 🙂",
    ],
)
def test_odd_characters_never_cause_an_error(client, searchable_pages, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_junk_page_number_falls_back_to_a_valid_page(client, searchable_pages):
    response = client.get("/search/", {"q": "carer", "page": "9999"})
    assert response.status_code == 200
    response = client.get("/search/", {"q": "carer", "page": "abc"})
    assert response.status_code == 200


def test_every_result_says_what_it_is_and_has_a_summary(client, home_page):
    from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
    from tests.factories.mapping import MappingEntryPageFactory, MappingGuidePageFactory
    from tests.factories.resources import (
        BookletChapterPageFactory,
        BookletPageFactory,
        ResourceIndexPageFactory,
        ResourcePageFactory,
    )
    from tests.factories.stories import StoryPageFactory, make_story_index

    StandardPageFactory(
        parent=home_page,
        title="Kettle policy",
        introduction="",
        body=paragraph_body("Our kettle policy: always offer tea before the assessment."),
    )
    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=library, title="Kettle guide", summary="Tea and good conversations.")
    StoryPageFactory(
        parent=make_story_index(home_page),
        title="The kettle story",
        summary="We talked over a kettle.",
    )
    MeetingPageFactory(
        parent=MeetingIndexPageFactory(parent=home_page),
        title="Kettle meeting",
        introduction="A morning on kettles.",
    )
    MappingEntryPageFactory(
        parent=MappingGuidePageFactory(parent=home_page),
        title="Kettle approach",
        summary="Put the kettle on first.",
    )
    BookletChapterPageFactory(
        parent=BookletPageFactory(parent=home_page),
        title="Kettle chapter",
        introduction="Why the kettle matters.",
    )

    html = client.get("/search/", {"q": "kettle"}).content.decode()

    results = re.findall(r'<li class="ds_search-result">(.*?)</li>', html, re.S)
    assert len(results) == 6
    described = {
        re.search(r'class="ds_search-result__link"[^>]*>([^<]+)<', result).group(1): (
            re.search(r'<p class="ds_search-result__summary">([^<]+)</p>', result).group(1),
            re.search(r"Type</dt> <dd[^>]*>([^<]+)</dd>", result).group(1),
        )
        for result in results
    }
    assert described == {
        "Kettle policy": ("Our kettle policy: always offer tea before the assessment.", "Page"),
        "Kettle guide": ("Tea and good conversations.", "Resource"),
        "The kettle story": ("We talked over a kettle.", "Story"),
        "Kettle meeting": ("A morning on kettles.", "Meeting"),
        "Kettle approach": ("Put the kettle on first.", "Guide entry"),
        "Kettle chapter": ("Why the kettle matters.", "Booklet chapter"),
    }
