"""Bad input never breaks following: no 5xx from any follow form, the email choices, the one-click
link or an id in a URL, whatever is sent (property-based), and nothing half-saved."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from following import kinds, services, tokens
from following.models import EmailPreferences, Follow, Notification
from tests.conftest import module_database
from tests.factories.core import make_home_page
from tests.factories.membership import MemberFactory
from tests.factories.stories import StoryPageFactory, make_story_index
from tests.test_hostile_input import NASTY, PROPERTY, clean, hostile_text

pytestmark = pytest.mark.django_db

hostile_value = st.one_of(hostile_text, st.lists(hostile_text, max_size=3))


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with module_database(django_db_blocker):
        home = make_home_page()
        story = StoryPageFactory(parent=make_story_index(home), themes=["Carers"])
        member = MemberFactory()
        EmailPreferences.objects.create(user=member, followed=kinds.Frequency.AT_ONCE)
        yield {"story": story, "member": member}


def follows_of(member):
    return sorted(Follow.objects.filter(user=member).values_list("content_type", "object_id"))


@given(
    data=st.dictionaries(
        st.sampled_from(["target_type", "target_id", "next"]), hostile_value, max_size=3
    )
)
@PROPERTY
def test_the_follow_form_never_breaks_and_follows_only_what_it_may(client, site, data):
    member = site["member"]
    client.force_login(member)
    before = follows_of(member)
    response = client.post("/following/follow/", {name: clean(v) for name, v in data.items()})
    assert response.status_code == 302
    assert response["Location"].startswith("/") and not response["Location"].startswith("//")
    added = set(follows_of(member)) - set(before)
    assert len(added) <= 1


@given(
    field=st.sampled_from(["theme", "sector"]),
    value=hostile_value,
)
@PROPERTY
def test_the_theme_and_sector_forms_never_break_or_half_save(client, site, field, value):
    member = site["member"]
    client.force_login(member)
    before = follows_of(member)
    response = client.post(f"/following/follow/{field}/", {field: clean(value)})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert follows_of(member) == before
        assert b"ds_error-summary" in response.content


@given(overrides=st.dictionaries(st.sampled_from(list(kinds.KINDS)), hostile_value, max_size=6))
@PROPERTY
def test_the_preferences_form_never_breaks_or_half_saves(client, site, overrides):
    member = site["member"]
    client.force_login(member)
    before = EmailPreferences.objects.filter(user=member).values(*kinds.KINDS).get()
    data = dict.fromkeys(kinds.KINDS, "daily") | {k: clean(v) for k, v in overrides.items()}
    response = client.post("/following/email/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert EmailPreferences.objects.filter(user=member).values(*kinds.KINDS).get() == before


@given(
    token=st.one_of(st.sampled_from(NASTY), st.text(min_size=1, max_size=80)),
    data=st.dictionaries(
        st.sampled_from(["frequency", "List-Unsubscribe"]), hostile_value, max_size=2
    ),
)
@PROPERTY
def test_a_hostile_email_link_never_breaks_and_changes_nothing(site, token, data):
    member = site["member"]
    before = EmailPreferences.objects.filter(user=member).values(*kinds.KINDS).get()
    token = clean(token).replace("/", "").replace("\x00", "") or "x"
    response = Client().post(
        f"/following/email/{token}/", {name: clean(v) for name, v in data.items()}
    )
    assert response.status_code in (404, 400, 200)
    assert EmailPreferences.objects.filter(user=member).values(*kinds.KINDS).get() == before


@given(data=st.dictionaries(st.sampled_from(["frequency", "List-Unsubscribe"]), hostile_value))
@PROPERTY
def test_a_real_email_link_with_bad_values_changes_only_to_a_real_choice(site, data):
    member = site["member"]
    token = tokens.make_token(member, [kinds.FOLLOWED])
    response = Client().post(
        f"/following/email/{token}/", {name: clean(v) for name, v in data.items()}
    )
    assert response.status_code in (200, 400)
    stored = EmailPreferences.objects.get(user=member)
    assert stored.followed in kinds.Frequency.values
    assert stored.themes == kinds.Frequency.NEVER  # a kind the link was not for


@pytest.mark.parametrize("number", ["0", "9" * 30, str(2**63), str(2**64)])
def test_an_id_beyond_any_column_in_a_url_is_never_an_error(client, site, number):
    member = site["member"]
    services.follow(member, site["story"])
    client.force_login(member)
    assert client.post(f"/following/{number}/unfollow/").status_code == 404
    assert client.get(f"/following/news/{number}/").status_code == 404
    assert Follow.objects.filter(user=member).exists()
    assert not Notification.objects.filter(read_at__isnull=False).exists()
