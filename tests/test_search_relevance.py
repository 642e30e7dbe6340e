"""Site search finds the right thing: the best match first, with a word in a title counting above
one in a summary, and one in a summary above one in the body, on SQLite and PostgreSQL alike
(`make test-postgres` runs this module on PostgreSQL).

The relevance set is the demo network, with a crowd of newer stories that mention the same words
in passing: ordered newest first (as search once was), they would push every page below out of
the first page of results."""

import io

import pytest
from wagtail.models import get_page_models

from network_site.core.demo import load_demo_content
from stories.models import StoryIndexPage
from tests.conftest import module_database
from tests.factories.core import StandardPageFactory, paragraph_body
from tests.factories.stories import StoryPageFactory

pytestmark = pytest.mark.django_db

# A query, and a page that must be among its first three results.
RELEVANCE_SET = [
    ("carers act", "The Carers (Scotland) Act 2016: a guide for practitioners"),
    ("Carers Act guide", "The Carers (Scotland) Act 2016: a guide for practitioners"),
    ("self-directed support", "Self-directed support: the four options"),
    ("talking points", "Talking Points: a personal outcomes approach"),
    ("outcomes star", "Outcomes Star"),
    ("young carer statement", "A young carer statement written in the school library"),
    ("recording outcomes", "Recording outcomes in people's own words"),
    ("planning ahead", "Planning ahead while there was still time to talk"),
    ("network meetings", "Network meetings"),
    ("mapping guide", "Mapping guide"),
]

CROWD = 30


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    with module_database(django_db_blocker):
        load_demo_content(stdout=io.StringIO())
        stories = StoryIndexPage.objects.get()
        for number in range(CROWD):
            StoryPageFactory(
                parent=stories,
                title=f"Notes from a busy week, part {number}",
                summary="A week of visits and phone calls.",
                what_we_did=(
                    "We read the guide on the carers act, talked through self-directed support, "
                    "used talking points, tried the outcomes star, helped with a young carer "
                    "statement, went to network meetings, looked up the mapping guide, talked "
                    "about recording outcomes and about planning ahead."
                ),
            )
        yield


def result_titles(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [page.title for page in response.context["results_page"]]


@pytest.mark.parametrize(("query", "expected"), RELEVANCE_SET)
def test_the_right_page_is_in_the_first_three(client, network, query, expected):
    titles = result_titles(client, query)
    assert expected in titles[:3], titles[:5]


def test_a_title_counts_above_a_summary_and_a_summary_above_the_body(client, home_page):
    # Created oldest first, so that newest-first order would be exactly the wrong way round.
    StandardPageFactory(
        parent=home_page, title="Quillwort", introduction="", body=paragraph_body("Other.")
    )
    StandardPageFactory(
        parent=home_page,
        title="In the summary",
        introduction="About quillwort.",
        body=paragraph_body("Other."),
    )
    StandardPageFactory(
        parent=home_page,
        title="In the body",
        introduction="",
        body=paragraph_body("Nothing but quillwort here."),
    )
    assert result_titles(client, "quillwort") == ["Quillwort", "In the summary", "In the body"]


def test_a_page_with_every_word_comes_before_one_with_some(client, home_page):
    StandardPageFactory(parent=home_page, title="Kettle and teapot", introduction="")
    StandardPageFactory(parent=home_page, title="Kettle only", introduction="")
    assert result_titles(client, "kettle teapot") == ["Kettle and teapot", "Kettle only"]


def test_every_page_type_weights_its_summary_between_title_and_body():
    for model in get_page_models():
        summaries = {field.name for field in model._meta.get_fields()} & {"introduction", "summary"}
        weighted = {field.field_name for field in model.get_autocomplete_search_fields()}
        assert summaries <= weighted, model
