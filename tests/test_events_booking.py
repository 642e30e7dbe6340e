"""Saying you are coming, access needs, cancelling, capacity and the waiting list."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from events import booking as bookings
from events.models import Booking
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory, make_member

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.fixture
def index(home_page):
    return MeetingIndexPageFactory(parent=home_page)


@pytest.fixture
def meeting(index):
    return MeetingPageFactory(parent=index, slug="spring", capacity=2)


def book_url(meeting):
    return f"/meetings/{meeting.slug}/book/"


def cancel_url(meeting):
    return f"/meetings/{meeting.slug}/cancel/"


@pytest.mark.django_db
def test_a_member_says_they_are_coming_with_access_needs(client, meeting):
    member = make_member()
    client.force_login(member)

    response = client.post(
        book_url(meeting),
        {"access_needs": ["bsl", "dietary"], "access_needs_details": "Vegan, please."},
        follow=True,
    )

    assert response.status_code == 200
    booking = Booking.objects.get(meeting=meeting, member=member)
    assert booking.status == Booking.Status.ATTENDING
    assert booking.access_needs == ["bsl", "dietary"]
    assert booking.access_needs_details == "Vegan, please."
    page = response.content.decode()
    assert "You are coming to this meeting" in page
    assert "A British Sign Language interpreter, Dietary needs" in page
    assert "Cancel my place" in page


@pytest.mark.django_db
def test_the_form_is_offered_to_members_only(client, meeting):
    assert "Say I am coming" not in client.get("/meetings/spring/").content.decode()
    client.force_login(make_member())
    page = client.get("/meetings/spring/").content.decode()
    assert "Say I am coming" in page
    assert "2 places left" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"access_needs": ["other"]}, "access_needs_details", "Tell us what you need"),
        (
            {"access_needs": ["dietary"], "access_needs_details": "   "},
            "access_needs_details",
            "Tell us what you need",
        ),
        ({"access_needs": ["teleport"]}, "access_needs", "Select a valid choice"),
        ({"access_needs_details": "x" * 501}, "access_needs_details", "at most 500 characters"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(client, meeting, data, field, message):
    client.force_login(make_member())

    response = client.post(book_url(meeting), data)

    assert response.status_code == 200
    assert message in str(response.context["booking_form"].errors[field])
    page = response.content.decode()
    assert "There is a problem" in page
    assert "ds_question--error" in page
    assert Booking.objects.count() == 0


@pytest.mark.django_db
def test_visitors_are_sent_to_sign_in_and_nothing_is_saved(client, meeting):
    response = client.post(book_url(meeting), {})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert Booking.objects.count() == 0


@pytest.mark.django_db
def test_signed_in_non_members_are_refused(client, meeting, django_user_model):
    outsider = django_user_model.objects.create_user(
        username="outsider", email="outsider@example.org", password="x"
    )
    client.force_login(outsider)
    assert client.post(book_url(meeting), {}).status_code == 403
    assert "Only network members" in client.get("/meetings/spring/").content.decode()
    assert Booking.objects.count() == 0


@pytest.mark.django_db
def test_booking_by_get_changes_nothing(client, meeting):
    member = make_member()
    client.force_login(member)
    assert client.get(book_url(meeting)).status_code == 405
    # Without a place, the cancel page sends the member back to the meeting.
    assert client.get(cancel_url(meeting)).status_code == 302
    assert Booking.objects.count() == 0

    bookings.book(meeting.pk, member)
    response = client.get(cancel_url(meeting))

    # With one, it asks first: a GET never cancels.
    assert response.status_code == 200
    assert "Cancel your place?" in response.content.decode()
    assert Booking.objects.get().status == Booking.Status.ATTENDING


@pytest.mark.django_db
def test_booking_closes_when_it_says(client, index):
    closed = MeetingPageFactory(
        parent=index,
        slug="closed",
        booking_closes_at=timezone.now() - timedelta(minutes=1),
    )
    client.force_login(make_member())
    response = client.post(book_url(closed), {}, follow=True)
    assert "Booking for this meeting has closed" in response.content.decode()
    assert Booking.objects.count() == 0


@pytest.mark.django_db
def test_a_past_meeting_cannot_be_booked(client, index):
    over = MeetingPageFactory(
        parent=index,
        slug="over",
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=2),
    )
    client.force_login(make_member())
    client.post(book_url(over), {})
    assert Booking.objects.count() == 0


@pytest.mark.django_db
def test_booking_twice_keeps_one_place_and_updates_the_needs(client, meeting):
    member = make_member()
    client.force_login(member)
    client.post(book_url(meeting), {"access_needs": ["captions"]})
    client.post(book_url(meeting), {"access_needs": ["step_free"]})
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.ATTENDING
    assert booking.access_needs == ["step_free"]


@pytest.mark.django_db
def test_capacity_holds_and_the_next_member_joins_the_waiting_list(client, meeting):
    first, second, third = (make_member(f"m{n}@example.org") for n in range(3))
    for member in (first, second):
        bookings.book(meeting.pk, member)
    client.force_login(third)
    page = client.get("/meetings/spring/").content.decode()
    assert "The meeting is full" in page
    assert "Join the waiting list" in page

    response = client.post(book_url(meeting), {}, follow=True)

    assert Booking.objects.get(member=third).status == Booking.Status.WAITING
    assert "number 1 on the waiting list" in response.content.decode()
    assert meeting.bookings.filter(status=Booking.Status.ATTENDING).count() == 2


@pytest.mark.django_db
def test_cancelling_offers_the_place_to_the_waiting_list_in_order_by_email(
    client, meeting, django_capture_on_commit_callbacks
):
    coming = [make_member(f"coming{n}@example.org") for n in range(2)]
    for member in coming:
        bookings.book(meeting.pk, member)
    waiting_first = make_member("first@example.org", first_name="Ailsa")
    waiting_second = make_member("second@example.org")
    bookings.book(meeting.pk, waiting_first)
    bookings.book(meeting.pk, waiting_second)
    Booking.objects.filter(member=waiting_second).update(
        waiting_since=Booking.objects.get(member=waiting_first).waiting_since + timedelta(seconds=1)
    )
    client.force_login(coming[0])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(meeting), follow=True)

    assert "You are no longer down for this meeting" in response.content.decode()
    assert Booking.objects.get(member=coming[0]).status == Booking.Status.CANCELLED
    # The place is held for the first person waiting until they take it up.
    assert Booking.objects.get(member=waiting_first).status == Booking.Status.OFFERED
    assert Booking.objects.get(member=waiting_second).status == Booking.Status.WAITING
    assert sorted(message.to[0] for message in mail.outbox) == [
        "coming0@example.org",
        "first@example.org",
    ]
    offer = next(message for message in mail.outbox if message.to == ["first@example.org"])
    assert "A place has come up" in offer.subject
    assert "Hello Ailsa" in offer.body
    assert "We are holding it for you until" in offer.body
    assert "http://testserver/meetings/spring/" in offer.body
    # The joining link is on the page for them now, never in this mail.
    assert meeting.joining_link not in offer.body


@pytest.mark.django_db
def test_raising_the_capacity_offers_the_new_places_in_order(
    meeting, django_capture_on_commit_callbacks
):
    for n in range(2):
        bookings.book(meeting.pk, make_member(f"coming{n}@example.org"))
    waiting = [make_member(f"waiting{n}@example.org") for n in range(3)]
    for member in waiting:
        bookings.book(meeting.pk, member)

    meeting.capacity = 4
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision().publish()

    statuses = [Booking.objects.get(member=member).status for member in waiting]
    assert statuses == [Booking.Status.OFFERED, Booking.Status.OFFERED, Booking.Status.WAITING]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "waiting0@example.org",
        "waiting1@example.org",
    ]


@pytest.mark.django_db
def test_leaving_the_waiting_list_offers_nothing_to_anyone(
    client, meeting, django_capture_on_commit_callbacks
):
    for n in range(2):
        bookings.book(meeting.pk, make_member(f"coming{n}@example.org"))
    waiting = make_member("waiting@example.org")
    later = make_member("later@example.org")
    bookings.book(meeting.pk, waiting)
    bookings.book(meeting.pk, later)
    client.force_login(waiting)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url(meeting))

    assert Booking.objects.get(member=waiting).status == Booking.Status.CANCELLED
    assert Booking.objects.get(member=later).status == Booking.Status.WAITING
    # Only the member who left hears, to confirm it.
    assert [message.to for message in mail.outbox] == [["waiting@example.org"]]
    assert "You have left the waiting list" in mail.outbox[0].subject


@pytest.mark.django_db
def test_cancelling_clears_access_needs_and_a_member_can_book_again(client, meeting):
    member = make_member()
    client.force_login(member)
    client.post(book_url(meeting), {"access_needs": ["bsl"]})
    client.post(cancel_url(meeting))
    cancelled = Booking.objects.get()
    assert (cancelled.status, cancelled.access_needs) == (Booking.Status.CANCELLED, [])

    client.post(book_url(meeting), {"access_needs": ["captions"]})

    again = Booking.objects.get()
    assert (again.status, again.access_needs) == (Booking.Status.ATTENDING, ["captions"])


@pytest.mark.django_db
def test_cancelling_without_a_place_is_harmless(client, meeting):
    client.force_login(make_member())
    response = client.post(cancel_url(meeting), follow=True)
    assert response.status_code == 200
    assert "no place at this meeting" in response.content.decode()


@pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="SQLite has no row locks (SELECT ... FOR UPDATE) and serialises every writer anyway; "
    "run with DATABASE_URL=postgres://... to test the race",
)
# Its database is emptied afterwards; serialized_rollback brings back what the migrations put
# there (the page tree, the sectors), which the next module on this process needs.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_capacity_holds_when_members_book_at_the_same_moment(home_page):
    index = MeetingIndexPageFactory(parent=home_page)
    meeting = MeetingPageFactory(parent=index, slug="race", capacity=3)
    members = [make_member(f"racer{n}@example.org") for n in range(10)]
    start_together = threading.Barrier(len(members))
    statuses = []

    def book_as(member):
        client = Client()
        client.force_login(member)
        try:
            start_together.wait()
            statuses.append(client.post("/meetings/race/book/", {}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=book_as, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * len(members)
    assert meeting.bookings.filter(status=Booking.Status.ATTENDING).count() == 3
    assert meeting.bookings.filter(status=Booking.Status.WAITING).count() == 7
