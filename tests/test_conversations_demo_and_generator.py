"""The demo conversations (a question with an accepted answer among them) and the network
generator's responses and questions."""

import io

import pytest
from django.core.management import call_command

from conversations.generate import ENDINGS, OPENINGS
from conversations.models import Contribution
from network_site.core import contributions
from tests.factories.stories import StoryPageFactory, make_story_index

pytestmark = pytest.mark.django_db

DEMO_APPS = ["membership", "resources", "stories", "conversations"]


def test_the_demo_shows_conversations_and_an_accepted_answer(demo_content, client):
    assert "Conversations: demo responses and questions loaded" in demo_content
    responses = Contribution.objects.filter(kind=contributions.RESPONSE, status="visible")
    assert responses.count() >= 2
    assert Contribution.objects.filter(kind=contributions.REPLY).exists()
    accepted = Contribution.objects.filter(
        kind=contributions.QUESTION, accepted_answer__isnull=False
    )
    assert accepted.count() == 1
    assert accepted.get().accepted_answer.parent_id == accepted.get().pk


def test_loading_the_demo_twice_adds_nothing(demo_content):
    from conversations import demo

    before = Contribution.objects.count()
    demo.load({"stdout": io.StringIO()})
    assert Contribution.objects.count() == before


def test_the_generator_adds_visible_questions_answers_and_responses(home_page):
    index = make_story_index(home_page)
    StoryPageFactory(parent=index)
    call_command(
        "generate_network",
        stdout=io.StringIO(),
        stories=5,
        members=6,
        resources=0,
        mapping_entries=0,
        meetings=0,
        conversations=30,
        seed=3,
    )
    # The generator's own words (a fresh database gets the demo content first).
    generated = [f"{opening} {ending}" for opening in OPENINGS for ending in ENDINGS]
    shown = Contribution.objects.filter(
        status="visible", published_at__isnull=False, text__in=generated
    )
    assert shown.filter(kind=contributions.QUESTION).count() == 30
    assert shown.filter(kind=contributions.RESPONSE).count() == 30
    assert shown.filter(kind=contributions.ANSWER).count() == 20 * 2
