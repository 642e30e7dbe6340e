"""Meeting check-outs: sent once to each member who came, answered through a signed link without
signing in, stored with no link back to the person, shown from five answers up."""

import base64
import datetime as dt
from datetime import timedelta
from unittest import mock

import pytest
from django.apps import apps
from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import check_outs
from events.models import Booking, CheckOutAnswer, CheckOutInvitation
from network_site.core.impact import FEWER_THAN_SMALLEST, Period
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.membership import MemberFactory

pytestmark = pytest.mark.django_db

ANSWER = {"listened": "5", "learned": "4", "connected": "4", "will_try": "3", "comment": ""}


@pytest.fixture
def meeting(home_page):
    index = MeetingIndexPageFactory(parent=home_page)
    return MeetingPageFactory(
        parent=index,
        title="Winter meeting",
        starts_at=timezone.now() - timedelta(days=2, hours=3),
        ends_at=timezone.now() - timedelta(days=2),
    )


def book(meeting, status=Booking.Status.ATTENDING, **member_fields):
    member = MemberFactory(**member_fields)
    return Booking.objects.create(meeting=meeting, member=member, status=status)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(now=None):
        with django_capture_on_commit_callbacks(execute=True):
            return check_outs.send_check_outs(now)

    return run


def link(meeting, booking):
    return meeting.url + meeting.reverse_subpage("check_out", args=[check_outs.make_token(booking)])


def invited(meeting, booking):
    CheckOutInvitation.objects.create(booking=booking, sent_on=timezone.localdate())
    return link(meeting, booking)


# Sending


def test_each_member_who_came_gets_one_check_out(meeting, send):
    came = book(meeting, email="came@example.org")
    book(meeting, Booking.Status.CANCELLED, email="cancelled@example.org")
    book(meeting, Booking.Status.WAITING, email="waiting@example.org")
    assert send() == 1
    assert [message.to for message in mail.outbox] == [["came@example.org"]]
    assert "How was Winter meeting for you?" in mail.outbox[0].subject
    assert "/check-out/" in mail.outbox[0].body
    assert CheckOutInvitation.objects.get().booking == came
    assert send() == 0
    assert len(mail.outbox) == 1


def test_no_check_out_before_the_end_or_long_after(home_page, send):
    index = MeetingIndexPageFactory(parent=home_page)
    upcoming = MeetingPageFactory(parent=index)
    long_ago = MeetingPageFactory(
        parent=index,
        starts_at=timezone.now() - timedelta(days=40),
        ends_at=timezone.now() - timedelta(days=40) + timedelta(hours=2),
    )
    book(upcoming)
    book(long_ago)
    assert send() == 0


def test_the_daily_job_is_registered():
    from network_site.core import schedule

    assert schedule.registered_jobs()["send_meeting_check_outs"].every == schedule.DAILY


# Answering


def test_answering_without_signing_in(client, meeting):
    url = invited(meeting, book(meeting))
    form = client.get(url)
    assert form.status_code == 200, form.content.decode()[-3000:]
    page = form.content.decode()
    assert "I felt listened to" in page and "I will try something new" in page
    assert "no-store" in form["Cache-Control"]
    response = client.post(url, ANSWER | {"comment": "Good to hear from the carers' centre."})
    assert response.status_code == 200
    assert "Your answer is in" in response.content.decode()
    answer = CheckOutAnswer.objects.get()
    assert (answer.listened, answer.learned, answer.connected, answer.will_try) == (5, 4, 4, 3)
    assert answer.answered_on == timezone.localdate()
    assert "_auth_user_id" not in client.session


def test_a_reused_link_cannot_answer_twice(client, meeting):
    url = invited(meeting, book(meeting))
    client.post(url, ANSWER)
    again = client.post(url, ANSWER)
    assert again.status_code == 200
    assert "already been answered" in again.content.decode()
    assert "already been answered" in client.get(url).content.decode()
    assert CheckOutAnswer.objects.count() == 1


def test_forged_and_expired_links_get_a_clear_page(client, meeting, home_page):
    booking = book(meeting)
    url = invited(meeting, booking)
    forged = url.replace("/check-out/", "/check-out/x")
    response = client.get(forged)
    assert response.status_code == 404 and "This link does not work" in response.content.decode()
    unsigned = meeting.url + f"check-out/{booking.pk}/"
    assert client.get(unsigned).status_code == 404
    not_a_booking = base64.urlsafe_b64encode(
        signing.dumps("drop table", salt=check_outs.SALT).encode()
    ).decode()
    assert client.get(meeting.url + f"check-out/{not_a_booking}/").status_code == 404
    other_meeting = MeetingPageFactory(parent=meeting.get_parent())
    assert client.get(other_meeting.url + url.split(meeting.url)[1]).status_code == 404

    old = timezone.now() - timedelta(days=check_outs.LINK_DAYS + 1)
    with mock.patch("time.time", return_value=old.timestamp()):
        expired_token = check_outs.make_token(booking)
    expired = client.post(meeting.url + f"check-out/{expired_token}/", ANSWER)
    assert expired.status_code == 410 and "expired" in expired.content.decode()
    assert not CheckOutAnswer.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        ANSWER | {"listened": "6"},
        ANSWER | {"learned": "zero"},
        ANSWER | {"comment": "x" * 1001},
        {"listened": "5"},
    ],
)
def test_bad_answers_give_a_clear_error_and_save_nothing(client, meeting, data):
    url = invited(meeting, book(meeting))
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'class="ds_error-summary' in response.content.decode()
    assert not CheckOutAnswer.objects.exists()
    assert not CheckOutInvitation.objects.get().answered


def all_table_values():
    """Every value in every table of the site's models, as text, by table."""
    values = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            cursor.execute(f'SELECT * FROM "{table}"')
            values[table] = [[str(value) for value in row] for row in cursor.fetchall()]
    return values


def test_no_table_links_an_answer_to_its_person(client, meeting):
    member_email = "ailsa.quinn@example.org"
    booking = book(meeting, email=member_email, first_name="Ailsa", last_name="Quinn")
    token = check_outs.make_token(booking)
    url = meeting.url + meeting.reverse_subpage("check_out", args=[token])
    CheckOutInvitation.objects.create(booking=booking, sent_on=timezone.localdate())
    answered_at = timezone.now()
    client.post(url, ANSWER | {"comment": "Marmalade-unique-comment"})
    answer = CheckOutAnswer.objects.get()

    # The answer's own columns: the meeting, the day and the answers, nothing else.
    columns = {field.column for field in CheckOutAnswer._meta.concrete_fields}
    assert columns == {
        "id",
        "meeting_id",
        "answered_on",
        "listened",
        "learned",
        "connected",
        "will_try",
        "comment",
    }
    # No table points at an answer.
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            assert field.related_model is not CheckOutAnswer, model
    # Every row that holds the answer (its key or its words) holds nothing about the person.
    person = {
        str(booking.pk),
        str(booking.member.pk),
        member_email,
        "Ailsa",
        "Quinn",
        token,
        "127.0.0.1",
    }
    holding_the_answer = []
    for table, rows in all_table_values().items():
        for row in rows:
            if answer.pk.hex in "".join(row) or any("Marmalade-unique-comment" in v for v in row):
                holding_the_answer.append(table)
                assert table == CheckOutAnswer._meta.db_table
                assert not person & set(row), (table, row)
                assert not any(answered_at.strftime("%H:%M") in value for value in row)
            # Nothing anywhere keeps the signed link.
            assert not any(token in value for value in row), table
    assert holding_the_answer == [CheckOutAnswer._meta.db_table]


# Results


def answer_many(meeting, count):
    for number in range(count):
        CheckOutAnswer.objects.create(
            meeting=meeting,
            answered_on=timezone.localdate(),
            listened=5,
            learned=4 if number % 2 else 2,
            connected=3,
            will_try=4,
            comment=f"Comment {number}" if number < 3 else "",
        )


def test_results_for_members_only_and_from_five_answers(client, meeting):
    member = MemberFactory()
    answer_many(meeting, 4)
    client.force_login(member)
    page = client.get(meeting.url).content.decode()
    assert "Results are shown once at least five people have answered" in page
    assert "(fewer than 5 so far)" in page
    answer_many(meeting, 1)
    page = client.get(meeting.url).content.decode()
    assert "5 people who came answered the check-out" in page
    assert "I feel more connected to others doing this work" in page
    assert "Comment 0" in page
    client.logout()
    assert "How the meeting felt" not in client.get(meeting.url).content.decode()


def test_a_comment_that_may_identify_someone_is_not_shown(client, meeting):
    answer_many(meeting, 5)
    CheckOutAnswer.objects.create(
        meeting=meeting,
        answered_on=timezone.localdate(),
        listened=3,
        learned=3,
        connected=3,
        will_try=3,
        comment="Mrs Henderson was lovely, call her on 01738 496000",
    )
    client.force_login(MemberFactory())
    assert "Henderson" not in client.get(meeting.url).content.decode()


@pytest.mark.usefixtures("content_cache_off")
def test_meeting_page_queries_do_not_grow_with_answers(client, meeting):
    client.force_login(MemberFactory())

    def queries():
        client.get(meeting.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(meeting.url).status_code == 200
        return len(captured)

    answer_many(meeting, 5)
    few = queries()
    answer_many(meeting, 15)
    assert queries() == few


def test_impact_section_never_shows_fewer_than_five(meeting, home_page):
    quiet = MeetingPageFactory(
        parent=meeting.get_parent(),
        title="Quiet meeting",
        starts_at=meeting.starts_at - timedelta(days=1),
        ends_at=meeting.ends_at - timedelta(days=1),
    )
    answer_many(meeting, 6)
    answer_many(quiet, 2)
    today = timezone.localdate()
    context = check_outs.impact_context(Period(today - timedelta(days=30), today))
    rows = {row[0]: row for row in context["tables"][0].rows}
    assert rows["Winter meeting"][2] == 6
    assert rows["Winter meeting"][3] == 5.0
    assert rows["Quiet meeting"][2] == FEWER_THAN_SMALLEST
    assert rows["Quiet meeting"][3:] == ["not shown"] * 4


# Hostile input


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    data=st.dictionaries(
        st.sampled_from(["listened", "learned", "connected", "will_try", "comment", "other"]),
        st.one_of(st.text(max_size=1200), st.sampled_from(["1", "5", "\x00", "' OR 1=1 --"])),
    ),
    token=st.one_of(st.text(min_size=1, max_size=200), st.sampled_from(["a:b:c", "..", "%00"])),
)
def test_hostile_input_never_breaks_the_check_out(client, meeting, data, token):
    booking = Booking.objects.filter(meeting=meeting).first() or book(meeting)
    CheckOutInvitation.objects.get_or_create(
        booking=booking, defaults={"sent_on": timezone.localdate()}
    )
    response = client.post(link(meeting, booking), data)
    assert response.status_code == 200
    for answer in CheckOutAnswer.objects.all():
        assert "\x00" not in answer.comment and 1 <= answer.listened <= 5
    from urllib.parse import quote

    response = client.get(meeting.url + "check-out/" + quote(token, safe="") + "/")
    assert response.status_code in (404, 410)
    CheckOutAnswer.objects.all().delete()
    CheckOutInvitation.objects.update(answered=False)


def test_answered_on_is_a_date_only():
    field = CheckOutAnswer._meta.get_field("answered_on")
    assert field.get_internal_type() == "DateField"
    assert isinstance(dt.date.today(), dt.date)


def test_the_generator_gives_past_meetings_check_outs(meeting):
    import random

    from events.generate import generate_check_outs

    for _ in range(20):
        book(meeting)
    answers = generate_check_outs(random.Random(3), [meeting])
    assert CheckOutInvitation.objects.count() == 20
    assert answers == CheckOutAnswer.objects.filter(meeting=meeting).count()
    assert answers == CheckOutInvitation.objects.filter(answered=True).count() > 5
