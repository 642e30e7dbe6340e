"""Ripples: a teller's "what happened next" and members' "what I tried", moderated, shown on the
story, asked for by email at 3, 6 and 12 months, counted in the impact report."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network_site.core import contributions
from network_site.core.impact import Period
from network_site.membership.personal_data import erase_for, export_for
from ripples.asking import ask_what_happened_next, months_after
from ripples.impact import quarters, ripples_context
from ripples.models import (
    AskingChoice,
    FollowUpAsked,
    Moderation,
    StoryUpdate,
    WhatITried,
)
from stories.models import HelpedMark
from tests.factories.membership import MemberFactory
from tests.factories.stories import StoryPageFactory, make_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def teller():
    return MemberFactory(first_name="Isla", last_name="Fraser", email="isla@example.org")


@pytest.fixture
def reader():
    return MemberFactory(first_name="Rory", last_name="Dunn", email="rory@example.org")


@pytest.fixture
def story(story_index, teller):
    return StoryPageFactory(parent=story_index, owner=teller, title="The allotment plan")


def update_url(story):
    return reverse("ripples_write_update", args=[story.pk])


def tried_url(story):
    return reverse("ripples_write_tried", args=[story.pk])


def approve(item):
    item.status = Moderation.APPROVED
    item.save()


# Writing an update


def test_the_teller_writes_an_update_held_until_approved(client, story, teller):
    client.force_login(teller)
    response = client.post(update_url(story), {"text": "He now runs the allotment rota."})
    assert response.status_code == 302
    update = StoryUpdate.objects.get()
    assert (update.author, update.status) == (teller, Moderation.PENDING)
    client.logout()
    assert "allotment rota" not in client.get(story.url).content.decode()

    approve(update)
    page = client.get(story.url).content.decode()
    assert "He now runs the allotment rota." in page
    assert "Update from the teller" in page
    assert "1 ripple" in page


def test_only_the_teller_may_write_an_update(client, story, reader):
    client.force_login(reader)
    assert client.get(update_url(story)).status_code == 404
    assert client.post(update_url(story), {"text": "Not mine to tell"}).status_code == 404
    assert not StoryUpdate.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client, story):
    response = client.get(update_url(story))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "x" * 3001])
def test_bad_update_gives_a_clear_error_and_saves_nothing(client, story, teller, text):
    client.force_login(teller)
    response = client.post(update_url(story), {"text": text})
    assert response.status_code == 200
    assert 'class="ds_error-summary' in response.content.decode()
    assert not StoryUpdate.objects.exists()


def test_one_update_waits_at_a_time(client, story, teller):
    client.force_login(teller)
    client.post(update_url(story), {"text": "First news"})
    response = client.post(update_url(story), {"text": "Second news"})
    assert "waiting for a moderator" in response.content.decode()
    assert StoryUpdate.objects.count() == 1


def test_an_update_to_a_draft_story_is_refused(client, story_index, teller):
    draft = StoryPageFactory(parent=story_index, owner=teller, published=False, live=False)
    client.force_login(teller)
    assert client.get(update_url(draft)).status_code == 404


# What I tried


def test_what_i_tried_needs_the_helped_mark(client, story, reader):
    client.force_login(reader)
    response = client.post(tried_url(story), {"text": "I asked first", "anonymous": "no"})
    assert response.status_code == 403
    assert "This helped my practice" in response.content.decode()
    assert not WhatITried.objects.exists()


def test_what_i_tried_with_a_name_and_without(client, story, reader, teller):
    HelpedMark.objects.create(story=story, user=reader)
    client.force_login(reader)
    page = client.get(story.url).content.decode()
    assert "tell others what you tried" in page
    client.post(tried_url(story), {"text": "Asked about the garden first.", "anonymous": "no"})
    named = WhatITried.objects.get()
    approve(named)

    anonymous_author = MemberFactory(first_name="Zebedee", last_name="Quist")
    HelpedMark.objects.create(story=story, user=anonymous_author)
    client.force_login(anonymous_author)
    client.post(tried_url(story), {"text": "Kept a notebook of outcomes.", "anonymous": "yes"})
    hidden = WhatITried.objects.get(author=anonymous_author)
    assert hidden.anonymous
    approve(hidden)

    client.logout()
    page = client.get(story.url).content.decode()
    assert "Rory Dunn" in page and "Asked about the garden first." in page
    assert "Kept a notebook of outcomes." in page
    assert "Zebedee" not in page and "Quist" not in page
    assert "2 ripples" in page


def test_what_i_tried_is_said_once(client, story, reader):
    HelpedMark.objects.create(story=story, user=reader)
    client.force_login(reader)
    client.post(tried_url(story), {"text": "One thing", "anonymous": "no"})
    response = client.post(tried_url(story), {"text": "Another thing", "anonymous": "no"})
    assert "already told us" in response.content.decode()
    assert WhatITried.objects.count() == 1


@pytest.mark.parametrize(
    "data", [{}, {"text": "", "anonymous": "no"}, {"text": "Fine", "anonymous": "maybe"}]
)
def test_bad_what_i_tried_saves_nothing(client, story, reader, data):
    HelpedMark.objects.create(story=story, user=reader)
    client.force_login(reader)
    response = client.post(tried_url(story), data)
    assert response.status_code == 200
    assert 'class="ds_error-summary' in response.content.decode()
    assert not WhatITried.objects.exists()


# Approval


def test_approval_is_announced_once_to_the_followers_app(story, teller, reader):
    heard = []

    def listener(**kwargs):
        heard.append(kwargs)

    contributions.contribution_published.connect(listener)
    try:
        update = StoryUpdate.objects.create(story=story, author=teller, text="News")
        assert heard == []
        approve(update)
        update.text = "News, tidied by the moderator"
        update.save()
        approve(StoryUpdate.objects.get(pk=update.pk))
        tried = WhatITried.objects.create(story=story, author=reader, text="Tried it")
        approve(tried)
    finally:
        contributions.contribution_published.disconnect(listener)
    assert [event["kind"] for event in heard] == [
        contributions.STORY_UPDATE,
        contributions.WHAT_I_TRIED,
    ]
    assert heard[0]["author"] == teller and heard[0]["about"].pk == story.pk
    assert heard[0]["reply_to"] is None and heard[1]["reply_to"] == teller
    assert heard[1]["item"].get_absolute_url() == story.url + f"#tried-{tried.pk}"


def test_a_declined_update_is_never_shown_or_announced(client, story, teller):
    update = StoryUpdate.objects.create(story=story, author=teller, text="Never shown")
    update.status = Moderation.DECLINED
    update.save()
    assert update.approved_at is None
    assert "Never shown" not in client.get(story.url).content.decode()


def test_moderators_approve_in_the_admin_with_the_identifying_check(client, story, teller):
    update = StoryUpdate.objects.create(
        story=story, author=teller, text="Mrs Paterson phoned on 0131 496 0000."
    )
    client.force_login(make_moderator())
    edit_url = reverse("story_updates:edit", args=[update.pk])
    page = client.get(edit_url).content.decode()
    assert "looks like a phone number" in page and "looks like a name after a title" in page
    response = client.post(edit_url, {"text": "Her neighbour phoned.", "status": "approved"})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.is_approved and update.approved_at is not None
    assert client.get(reverse("what_members_tried:index")).status_code == 200


def test_approval_purges_the_visitors_cached_story(client, story, teller):
    cache.clear()
    with override_settings(VISITOR_PAGE_CACHE_SECONDS=300):
        client.get("/")
        client.get(story.url)
        assert client.get(story.url)["X-Cache"] == "hit"
        approve(StoryUpdate.objects.create(story=story, author=teller, text="Fresh news"))
        response = client.get(story.url)
        assert response["X-Cache"] == "miss"
        assert "Fresh news" in response.content.decode()
    cache.clear()


def test_members_only_story_ripples_stay_with_members(client, story_index, teller, reader):
    members_story = StoryPageFactory(parent=story_index, owner=teller, audience="members")
    approve(StoryUpdate.objects.create(story=members_story, author=teller, text="Quiet news"))
    assert "Quiet news" not in client.get(members_story.url).content.decode()
    client.force_login(reader)
    assert "Quiet news" in client.get(members_story.url).content.decode()


@pytest.mark.usefixtures("content_cache_off")
def test_story_page_queries_do_not_grow_with_ripples(client, story, teller):
    def add(count):
        for number in range(count):
            author = MemberFactory()
            approve(StoryUpdate.objects.create(story=story, author=teller, text=f"News {number}"))
            approve(WhatITried.objects.create(story=story, author=author, text=f"Tried {number}"))

    def queries():
        client.get(story.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(story.url).status_code == 200
        return len(captured)

    add(5)
    few = queries()
    add(10)
    assert queries() == few


# Asking what happened next


def published_months_ago(story, months, now):
    moment = months_after(now, -months) - timedelta(hours=1)
    type(story).objects.filter(pk=story.pk).update(first_published_at=moment)


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Runs the daily job, with the mail it queues after each claim's commit."""

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return ask_what_happened_next(now)

    return run


def test_tellers_are_asked_only_if_they_chose_it(story, teller, ask):
    now = timezone.now()
    published_months_ago(story, 3, now)
    assert ask(now) == 0
    assert mail.outbox == []
    AskingChoice.objects.create(user=teller, ask_me=True)
    assert ask(now) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["isla@example.org"] and "What happened next?" in message.subject
    assert update_url(story) in message.body
    # Once per milestone: the next day asks nothing.
    assert ask(now + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_each_milestone_once_and_a_late_choice_asks_the_latest_only(story, teller, ask):
    AskingChoice.objects.create(user=teller, ask_me=True)
    now = timezone.now()
    published_months_ago(story, 7, now)
    assert ask(now) == 1
    assert sorted(FollowUpAsked.objects.values_list("months", flat=True)) == [3, 6]
    assert "6 months" in mail.outbox[0].body
    assert ask(months_after(now, 5) + timedelta(days=1)) == 1
    assert "12 months" in mail.outbox[1].body
    assert ask(months_after(now, 9)) == 0


def test_not_yet_three_months_asks_nothing(story, teller, ask):
    AskingChoice.objects.create(user=teller, ask_me=True)
    now = timezone.now()
    published_months_ago(story, 2, now)
    assert ask(now) == 0


def test_months_after_keeps_to_the_month():
    moment = datetime(2026, 11, 30, 9, tzinfo=UTC)
    assert months_after(moment, 3) == datetime(2027, 2, 28, 9, tzinfo=UTC)
    assert months_after(moment, -3).month == 8


def test_the_asking_choice_page(client, teller, story):
    client.force_login(teller)
    page = client.get(reverse("ripples_asking")).content.decode()
    assert "The allotment plan" in page
    client.post(reverse("ripples_asking"), {"ask_me": "on"})
    assert AskingChoice.objects.get(user=teller).ask_me
    client.post(reverse("ripples_asking"), {})
    assert not AskingChoice.objects.get(user=teller).ask_me


def test_the_daily_job_is_registered():
    from network_site.core import schedule

    assert schedule.registered_jobs()["ask_what_happened_next"].every == schedule.DAILY


# The impact report and personal data


def test_impact_section_counts_per_quarter(story, teller, reader):
    approve(StoryUpdate.objects.create(story=story, author=teller, text="News"))
    approve(WhatITried.objects.create(story=story, author=reader, text="Tried"))
    today = timezone.localdate()
    period = Period(date(today.year, 1, 1), date(today.year, 12, 31))
    context = ripples_context(period)
    table = context["tables"][0]
    assert table.headers == ["Quarter", "Stories", "Updates", "What I tried"]
    this_quarter = f"{today.year} Q{(today.month - 1) // 3 + 1}"
    row = next(row for row in table.rows if row[0] == this_quarter)
    assert row[1:] == [1, 1, 1]
    assert table.rows[-1] == ["All quarters", 1, 1, 1]
    assert len(quarters(period)) == 4


def test_personal_data_export_and_erase(story, teller, reader):
    StoryUpdate.objects.create(story=story, author=teller, text="My news")
    WhatITried.objects.create(story=story, author=reader, text="Quietly", anonymous=True)
    AskingChoice.objects.create(user=teller, ask_me=True)
    exported = export_for(reader)["ripples"]
    assert exported["what_i_tried"][0]["text"] == "Quietly"
    assert exported["what_i_tried"][0]["shown_without_name"] is True
    assert export_for(teller)["ripples"]["ask_what_happened_next"] is True
    erase_for(reader)
    erase_for(teller)
    assert not (
        StoryUpdate.objects.exists() or WhatITried.objects.exists() or AskingChoice.objects.exists()
    )


# Hostile input

NASTY_TEXT = st.one_of(
    st.text(max_size=4000),
    st.sampled_from(["\x00", "' OR 1=1 --", "<script>alert(1)</script>", "\r\nSet-Cookie: x=1"]),
)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=NASTY_TEXT, anonymous=st.one_of(st.text(max_size=20), st.sampled_from(["yes", "no"])))
def test_hostile_input_never_breaks_the_forms(client, story, teller, reader, text, anonymous):
    HelpedMark.objects.get_or_create(story=story, user=reader)
    client.force_login(teller)
    response = client.post(update_url(story), {"text": text})
    assert response.status_code in (200, 302)
    client.force_login(reader)
    response = client.post(tried_url(story), {"text": text, "anonymous": anonymous})
    assert response.status_code in (200, 302)
    response = client.post(reverse("ripples_asking"), {"ask_me": text})
    assert response.status_code == 302
    for item in [*StoryUpdate.objects.all(), *WhatITried.objects.all()]:
        assert item.text.strip() and "\x00" not in item.text
    StoryUpdate.objects.all().delete()
    WhatITried.objects.all().delete()


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(story_id=st.integers(min_value=-(2**70), max_value=2**70))
def test_hostile_story_ids_are_404(client, teller, story_id):
    client.force_login(teller)
    if 0 <= story_id < 2**63:
        assert client.get(f"/ripples/stories/{story_id}/update/").status_code == 404
    else:
        response = client.get(f"/ripples/stories/{story_id}/update/")
        assert response.status_code == 404


def test_the_admin_offers_no_add_and_other_staff_are_refused(client, story, teller):
    from network_site.core.roles import ADMINISTRATOR, EDITOR
    from tests.factories.membership import make_staff

    client.force_login(make_staff(ADMINISTRATOR))
    listing = client.get(reverse("story_updates:index"))
    assert listing.status_code == 200
    assert reverse("story_updates:add") not in listing.content.decode()
    assert client.get(reverse("story_updates:add")).status_code == 302
    client.force_login(make_staff(EDITOR))
    assert client.get(reverse("story_updates:index")).status_code == 302
