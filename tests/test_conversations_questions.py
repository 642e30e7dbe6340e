"""Ask the network: members ask, answer, mark the answer that helped and say "me too"; the index
filters through the listing helper; unanswered questions show on the member home."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from conversations import moderation
from conversations.models import Contribution, MeToo
from following.models import Follow, Notification
from network_site.core import contributions
from network_site.core.models import Sector
from tests.factories.membership import MemberFactory

pytestmark = pytest.mark.django_db


def trusted_member():
    member = MemberFactory()
    for _ in range(moderation.FIRST_HELD):
        Contribution.objects.create(
            kind=contributions.RESPONSE,
            author=member,
            text="Earlier words",
            status=Contribution.Status.VISIBLE,
            published_at=timezone.now(),
        )
    return member


def ask(title, author=None, **kwargs):
    return moderation.post(
        Contribution(
            kind=contributions.QUESTION,
            author=author or trusted_member(),
            title=title,
            text="Details of it",
        ),
        **kwargs,
    )


def test_a_member_asks_with_themes_and_sectors(client, home_page):
    asker = trusted_member()
    client.force_login(asker)
    response = client.post(
        "/conversations/questions/ask/",
        {
            "title": "How do you start a good conversation?",
            "text": "We find the first minutes hard.",
            "themes": ["Good conversations"],
            "sectors": ["health"],
        },
    )
    question = Contribution.objects.get(kind=contributions.QUESTION, author=asker)
    assert response["Location"] == f"/conversations/questions/{question.pk}/"
    assert question.status == "visible"
    assert list(question.themes.names()) == ["Good conversations"]
    assert [sector.slug for sector in question.sectors.all()] == ["health"]


def test_a_bad_question_gets_clear_errors_and_saves_nothing(client, home_page):
    client.force_login(trusted_member())
    page = client.post(
        "/conversations/questions/ask/",
        {"title": "", "text": "", "themes": ["Not a theme"], "sectors": ["nowhere"]},
    ).content.decode()
    assert "Enter your question" in page
    assert "Enter your details" in page
    assert not Contribution.objects.filter(kind=contributions.QUESTION).exists()


def test_others_answer_the_asker_marks_the_one_that_helped_and_members_say_me_too(
    client, home_page
):
    asker = trusted_member()
    question = ask("Where do carers find respite?", author=asker)
    answerer = trusted_member()
    client.force_login(answerer)
    client.post(f"/conversations/questions/{question.pk}/", {"text": "Try the carers centre."})
    answer = Contribution.objects.get(kind=contributions.ANSWER, parent=question)
    # Only the asker may mark the answer that helped.
    assert (
        client.post(f"/conversations/questions/{question.pk}/accept/{answer.pk}/").status_code
        == 404
    )
    client.post(f"/conversations/questions/{question.pk}/me-too/")
    client.post(f"/conversations/questions/{question.pk}/me-too/")
    assert MeToo.objects.filter(question=question).count() == 1
    client.force_login(asker)
    client.post(f"/conversations/questions/{question.pk}/accept/{answer.pk}/")
    question.refresh_from_db()
    assert question.accepted_answer == answer
    page = client.get(f"/conversations/questions/{question.pk}/").content.decode()
    assert "Helped the asker" in page
    # A count of people is never shown below five.
    assert "fewer than 5" in page


def test_the_index_filters_and_never_breaks_on_unknown_values(client, home_page):
    answered = ask("Answered one", themes=["Carers"], sectors=[Sector.objects.get(slug="health")])
    moderation.post(
        Contribution(
            kind=contributions.ANSWER, parent=answered, author=trusted_member(), text="Yes"
        )
    )
    ask("Waiting one", themes=["Housing"])
    client.force_login(MemberFactory())
    index = client.get("/conversations/questions/").content.decode()
    assert "Answered one" in index and "Waiting one" in index
    unanswered = client.get("/conversations/questions/?answers=unanswered").content.decode()
    assert "Waiting one" in unanswered and "Answered one" not in unanswered
    by_sector = client.get("/conversations/questions/?sector=health").content.decode()
    assert "Answered one" in by_sector and "Waiting one" not in by_sector
    by_theme = client.get("/conversations/questions/?theme=housing").content.decode()
    assert "Waiting one" in by_theme and "Answered one" not in by_theme
    refused = client.get("/conversations/questions/?sector=nowhere&page=x")
    assert refused.status_code == 200
    assert "We do not have that option" in refused.content.decode()


def test_the_index_and_questions_are_for_members_only(client, home_page):
    question = ask("Members only question")
    for url in ("/conversations/questions/", f"/conversations/questions/{question.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unanswered_questions_show_on_the_member_home(client, home_page):
    ask("Nobody has answered me")
    client.force_login(MemberFactory())
    page = client.get("/account/home/").content.decode()
    assert "Questions waiting for an answer" in page
    assert "Nobody has answered me" in page


def test_questions_are_held_and_flagged_like_responses(client, home_page):
    question = ask("A new member asks", author=MemberFactory())
    assert question.status == "held"
    client.force_login(MemberFactory())
    assert client.get(f"/conversations/questions/{question.pk}/").status_code == 404
    shown = ask("A fair question")
    for _ in range(2):
        client.force_login(MemberFactory())
        client.post(f"/conversations/{shown.pk}/flag/", {"reason": "spam"})
    shown.refresh_from_db()
    assert shown.status == "hidden"


def test_the_asker_follows_their_question_hears_of_answers_and_others_can_follow_it(
    client, home_page, django_capture_on_commit_callbacks
):
    asker = trusted_member()
    with django_capture_on_commit_callbacks(execute=True):
        question = ask("What helps on a first visit?", author=asker)
    as_question = {
        "content_type": ContentType.objects.get_for_model(Contribution),
        "object_id": question.pk,
    }
    assert Follow.objects.filter(user=asker, **as_question).exists()

    answer = Contribution(
        kind=contributions.ANSWER, author=trusted_member(), parent=question, text="Listen first."
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderation.post(answer)
    assert Notification.objects.filter(user=asker, url=answer.get_absolute_url()).exists()

    reader = trusted_member()
    client.force_login(reader)
    page = client.get(f"/conversations/questions/{question.pk}/").content.decode()
    assert 'name="target_type" value="question"' in page
    client.post(
        "/following/follow/",
        {"target_type": "question", "target_id": question.pk, "next": "/"},
    )
    assert Follow.objects.filter(user=reader, **as_question).exists()
