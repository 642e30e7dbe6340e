"""The Carers Act guide: its parts, the key figures, reflection prompts and the self-check, no JavaScript."""

import pytest

from network_site.core.demo_data import page_fields
from resources.demo import SELF_CHECK
from resources.models import CarersActGuidePage, SelfCheckPage
from tests.factories.resources import (
    CarersActGuidePageFactory,
    CarersActSectionPageFactory,
    SelfCheckPageFactory,
)

pytestmark = pytest.mark.django_db

SELF_CHECK_QUESTIONS = page_fields(SELF_CHECK, SelfCheckPage)["questions"]


@pytest.fixture
def guide(home_page):
    guide = CarersActGuidePageFactory(parent=home_page)
    CarersActSectionPageFactory(parent=guide, title="Who is a carer", slug="who")
    CarersActSectionPageFactory(parent=guide, title="Information and advice", slug="advice")
    SelfCheckPageFactory(
        parent=guide,
        questions=SELF_CHECK_QUESTIONS,
    )
    return guide


ALL_RIGHT = {
    "check": "1",
    "question_1": "1",
    "question_2": "1",
    "question_3": "1",
    "question_4": "1",
}


def test_the_self_check_is_a_plain_form(client, guide):
    response = client.get("/carers-act-guide/self-check/")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get"' in content
    assert content.count('type="radio"') == sum(
        len(question["value"]["options"]) for question in SELF_CHECK_QUESTIONS
    )
    assert "Your answers" not in content
    assert "There is a problem" not in content


def test_answers_come_back_with_each_explanation(client, guide):
    answers = {**ALL_RIGHT, "question_3": "0"}
    response = client.get("/carers-act-guide/self-check/", answers)
    content = response.content.decode()
    assert "You got 3 of 4 right." in content
    assert "Not quite." in content
    assert "The answer is: Preventative support, including information and advice services." in (
        content
    )
    assert "came into effect on 1 April 2018" in content
    assert "information and advice service every local authority must" in content
    results = response.context["results"]
    assert [result["is_right"] for result in results] == [True, True, False, True]


def test_all_right(client, guide):
    response = client.get("/carers-act-guide/self-check/", ALL_RIGHT)
    assert "You got 4 of 4 right." in response.content.decode()


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"check": "1"}, "Choose an answer to question 1."),
        ({**ALL_RIGHT, "question_2": ""}, "Choose an answer to question 2."),
        ({**ALL_RIGHT, "question_4": "7"}, "Choose one of the answers to question 4."),
        ({**ALL_RIGHT, "question_1": "one"}, "Choose one of the answers to question 1."),
    ],
)
def test_a_missing_or_junk_answer_gets_a_clear_message(client, guide, answers, message):
    response = client.get("/carers-act-guide/self-check/", answers)
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert content.count(message) == 2  # in the summary and beside the question
    assert response.context["results"] is None
    # The answers already given stay chosen.
    if answers.get("question_3") == "1":
        assert 'name="question_3" id="id_question_3_1" value="1" checked' in content


def test_sections_lead_on_to_the_self_check(client, guide):
    content = client.get("/carers-act-guide/advice/").content.decode()
    assert 'href="/carers-act-guide/self-check/" class="ds_sequential-nav__button' in content
    content = client.get("/carers-act-guide/who/").content.decode()
    assert 'href="/carers-act-guide/advice/" class="ds_sequential-nav__button' in content
    assert 'rel="prev"' not in content


def test_page_tree_rules(home_page, guide):
    assert not CarersActGuidePage.can_create_at(home_page)  # one guide only
    assert not SelfCheckPage.can_create_at(guide)  # one self-check per guide
