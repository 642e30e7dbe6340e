"""A conversation and the questions index cost the same number of queries with a few items as
with many more (past one page): nothing is fetched once per response, reply, question or answer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conversations.models import Contribution, MeToo
from network_site.core import contributions
from network_site.core.models import Sector
from tests.factories.membership import MemberFactory, MemberProfileFactory
from tests.factories.stories import StoryPageFactory

pytestmark = pytest.mark.django_db
SHOWN = {"status": Contribution.Status.VISIBLE, "published_at": timezone.now()}


def queries_for(client, url):
    client.get(url)  # the session and the member's permissions, as on any later request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_responses(story, count):
    for _ in range(count):
        author = MemberFactory()
        MemberProfileFactory(user=author)
        response = Contribution.objects.create(
            kind=contributions.RESPONSE, page=story, author=author, text="Words", **SHOWN
        )
        for _ in range(2):
            Contribution.objects.create(
                kind=contributions.REPLY,
                page=story,
                parent=response,
                author=MemberFactory(),
                text="A reply",
                **SHOWN,
            )


def add_questions(count):
    health = Sector.objects.get(slug="health")
    for _ in range(count):
        question = Contribution.objects.create(
            kind=contributions.QUESTION, author=MemberFactory(), title="Q", text="?", **SHOWN
        )
        question.themes.add("Carers")
        question.sectors.add(health)
        Contribution.objects.create(
            kind=contributions.ANSWER, parent=question, author=MemberFactory(), text="A", **SHOWN
        )
        MeToo.objects.create(question=question, member=MemberFactory())


def test_a_conversation_costs_the_same_with_five_responses_as_with_twenty_five(
    client, story_index, content_cache_off
):
    story = StoryPageFactory(parent=story_index)
    client.force_login(MemberFactory())
    url = f"/conversations/page/{story.pk}/"
    add_responses(story, 5)
    few = queries_for(client, url)
    add_responses(story, 20)
    many = queries_for(client, url)
    assert many == few
    assert queries_for(client, url + "?page=2") == few


def test_the_questions_index_costs_the_same_with_five_questions_as_with_twenty_five(
    client, home_page, content_cache_off
):
    client.force_login(MemberFactory())
    url = "/conversations/questions/"
    add_questions(5)
    few = queries_for(client, url)
    filtered_few = queries_for(client, url + "?answers=answered&sector=health")
    add_questions(20)
    assert queries_for(client, url) == few
    assert queries_for(client, url + "?page=2") == few
    assert queries_for(client, url + "?answers=answered&sector=health") == filtered_few


def test_a_question_costs_the_same_with_five_answers_as_with_twenty_five(
    client, home_page, content_cache_off
):
    question = Contribution.objects.create(
        kind=contributions.QUESTION, author=MemberFactory(), title="Q", text="?", **SHOWN
    )
    client.force_login(MemberFactory())
    url = f"/conversations/questions/{question.pk}/"

    def answer(count):
        for _ in range(count):
            Contribution.objects.create(
                kind=contributions.ANSWER,
                parent=question,
                author=MemberFactory(),
                text="A",
                **SHOWN,
            )

    answer(5)
    few = queries_for(client, url)
    answer(20)
    assert queries_for(client, url) == few
