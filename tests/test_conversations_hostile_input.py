"""Every conversations form and parameter, whatever is sent: never a 500, and nothing half-saved
(property-based, with hypothesis, as tests/test_hostile_input.py does for the rest of the site)."""

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from conversations.models import Contribution, ConversationSettings, ErasureChoice, Flag
from network_site.core import contributions
from network_site.core.roles import MODERATOR
from tests.conftest import module_database
from tests.factories.core import make_home_page
from tests.factories.membership import MemberFactory, make_staff
from tests.factories.stories import StoryPageFactory, make_story_index
from tests.test_hostile_input import PROPERTY, clean, hostile_text

pytestmark = pytest.mark.django_db
hostile_value = st.one_of(hostile_text, st.lists(hostile_text, max_size=3))
SHOWN = {"status": "visible", "published_at": timezone.now()}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with module_database(django_db_blocker):
        home = make_home_page()
        story = StoryPageFactory(parent=make_story_index(home))
        member = MemberFactory()
        other = MemberFactory()
        response = Contribution.objects.create(
            kind=contributions.RESPONSE, page=story, author=other, text="Theirs", **SHOWN
        )
        own = Contribution.objects.create(
            kind=contributions.RESPONSE, page=story, author=member, text="Mine", **SHOWN
        )
        question = Contribution.objects.create(
            kind=contributions.QUESTION, author=member, title="Q", text="?", **SHOWN
        )
        yield {
            "story": story,
            "member": member,
            "response": response,
            "own": own,
            "question": question,
        }


def counts():
    return (
        Contribution.objects.count(),
        Flag.objects.count(),
        ConversationSettings.objects.count(),
        ErasureChoice.objects.count(),
    )


@pytest.fixture
def signed_in(client, site, settings):
    settings.ACCOUNT_RATE_LIMITS = {}
    client.force_login(site["member"])
    return client


@given(text=hostile_value)
@PROPERTY
def test_responding_never_breaks_and_saves_whole_or_nothing(signed_in, site, text):
    before = Contribution.objects.count()
    response = signed_in.post(f"/conversations/page/{site['story'].pk}/", {"text": clean(text)})
    assert response.status_code in (200, 302)
    assert Contribution.objects.count() - before == (1 if response.status_code == 302 else 0)


@given(text=hostile_value)
@PROPERTY
def test_replying_never_breaks(signed_in, site, text):
    before = Contribution.objects.count()
    response = signed_in.post(f"/conversations/{site['response'].pk}/reply/", {"text": clean(text)})
    assert response.status_code in (200, 302)
    assert Contribution.objects.count() - before == (1 if response.status_code == 302 else 0)


@given(text=hostile_value, title=hostile_value)
@PROPERTY
def test_editing_never_breaks_and_keeps_the_words_when_refused(signed_in, site, text, title):
    own = site["own"]
    Contribution.objects.filter(pk=own.pk).update(created_at=timezone.now(), text="Mine")
    response = signed_in.post(f"/conversations/{own.pk}/edit/", {"text": clean(text)})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        own.refresh_from_db()
        assert own.text == "Mine"


@given(data=st.dictionaries(st.sampled_from(["title", "text", "themes", "sectors"]), hostile_value))
@PROPERTY
def test_asking_never_breaks_and_saves_whole_or_nothing(signed_in, site, data):
    before = Contribution.objects.count()
    response = signed_in.post(
        "/conversations/questions/ask/", {key: clean(value) for key, value in data.items()}
    )
    assert response.status_code in (200, 302)
    assert Contribution.objects.count() - before == (1 if response.status_code == 302 else 0)


@given(reason=hostile_value, choice=hostile_value, is_open=hostile_value)
@PROPERTY
def test_flags_choices_and_closing_never_break(signed_in, site, reason, choice, is_open):
    before = counts()
    flagged = signed_in.post(
        f"/conversations/{site['response'].pk}/flag/", {"reason": clean(reason)}
    )
    chosen = signed_in.post("/conversations/mine/", {"choice": clean(choice)})
    assert flagged.status_code in (200, 302) and chosen.status_code in (200, 302)
    if flagged.status_code == 200:
        assert Flag.objects.count() == before[1]
    if chosen.status_code == 200:
        assert ErasureChoice.objects.count() == before[3]
    closed = signed_in.post(
        f"/conversations/page/{site['story'].pk}/open/", {"open": clean(is_open)}
    )
    assert closed.status_code in (302, 404)


@given(
    params=st.dictionaries(
        st.sampled_from(["page", "answers", "theme", "sector", "q", "show", "p"]),
        hostile_value,
        max_size=4,
    )
)
@PROPERTY
def test_listings_never_break_on_their_parameters(signed_in, site, params):
    query = {key: clean(value) for key, value in params.items()}
    for url in (
        "/conversations/questions/",
        f"/conversations/questions/{site['question'].pk}/",
        f"/conversations/page/{site['story'].pk}/",
        "/conversations/mine/",
    ):
        assert signed_in.get(url, query).status_code == 200


@given(reason=hostile_value, show=hostile_value, page=hostile_value)
@PROPERTY
def test_the_moderators_queue_never_breaks(client, site, reason, show, page):
    client.force_login(make_staff(MODERATOR))
    listing = client.get("/admin/conversations/", {"show": clean(show), "p": clean(page)})
    assert listing.status_code == 200
    response = site["response"]
    Contribution.objects.filter(pk=response.pk).update(status="visible", hidden_reason="")
    hidden = client.post(f"/admin/conversations/{response.pk}/hide/", {"reason": clean(reason)})
    assert hidden.status_code == 302
    response.refresh_from_db()
    assert response.status == "visible" or response.hidden_reason.strip()
