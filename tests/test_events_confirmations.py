"""Meetings that confirm: confirmation and cancellation emails, "are you sure?", offers from the
waiting list that lapse, places left, questions that fit how a meeting is held, and the panel on
the meeting's edit screen."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from events import booking as bookings
from events.models import Booking, MeetingPage
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return MeetingIndexPageFactory(parent=home_page)


@pytest.fixture
def meeting(index):
    return MeetingPageFactory(parent=index, slug="spring", title="Spring meeting", capacity=1)


def url(meeting, route=""):
    return f"/meetings/{meeting.slug}/{route}"


def committed():
    """Mail is queued once the transaction commits."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def fill_and_queue(meeting):
    """One member coming (the only place), one waiting; returns them."""
    coming = make_member("coming@example.org", first_name="Morag")
    waiting = make_member("waiting@example.org", first_name="Ailsa")
    bookings.book(meeting.pk, coming)
    bookings.book(meeting.pk, waiting)
    return coming, waiting


def test_booking_sends_a_confirmation_with_the_calendar_file(client, meeting):
    member = make_member(first_name="Morag")
    client.force_login(member)

    with committed():
        response = client.post(url(meeting, "book/"), {}, follow=True)

    assert "We have emailed you a confirmation" in response.content.decode()
    [confirmation] = mail.outbox
    assert confirmation.to == [member.email]
    assert confirmation.subject.startswith("You are coming: Spring meeting")
    assert "http://testserver/meetings/spring/cancel/" in confirmation.body
    html, mimetype = confirmation.alternatives[0]
    assert mimetype == "text/html" and "Personal Outcomes Network" in html
    [(filename, ics, ics_type)] = confirmation.attachments
    assert (filename, ics_type) == ("spring.ics", "text/calendar")
    assert "BEGIN:VEVENT" in ics and "SUMMARY:Spring meeting" in ics
    # Their own copy: the joining link of this hybrid meeting is in it (lines unfolded).
    assert meeting.joining_link in ics.replace("\r\n ", "")


def test_joining_the_waiting_list_sends_no_confirmation(client, meeting):
    fill_and_queue(meeting)
    late = make_member("late@example.org")
    client.force_login(late)
    with committed():
        client.post(url(meeting, "book/"), {})
    assert Booking.objects.get(member=late).status == Booking.Status.WAITING
    assert mail.outbox == []


def test_cancelling_asks_first_and_then_confirms_by_email(client, meeting):
    member = make_member(first_name="Morag")
    bookings.book(meeting.pk, member)
    client.force_login(member)

    meeting_page = client.get(url(meeting)).content.decode()
    assert f'href="{url(meeting, "cancel/")}"' in meeting_page

    question = client.get(url(meeting, "cancel/")).content.decode()
    assert "Cancel your place?" in question
    assert 'method="post"' in question and "Yes, cancel my place" in question
    assert Booking.objects.get().status == Booking.Status.ATTENDING

    with committed():
        client.post(url(meeting, "cancel/"))

    assert Booking.objects.get().status == Booking.Status.CANCELLED
    [email] = mail.outbox
    assert email.subject.startswith("Your place is cancelled: Spring meeting")
    assert "http://testserver/meetings/spring/" in email.body
    assert email.alternatives[0][1] == "text/html"


def test_a_freed_place_is_offered_with_a_deadline_and_taken_up(client, meeting, settings):
    settings.EVENTS_OFFER_HOURS = 48
    coming, waiting = fill_and_queue(meeting)
    with committed():
        bookings.cancel(meeting.pk, coming)

    offer = Booking.objects.get(member=waiting)
    assert offer.status == Booking.Status.OFFERED
    assert timedelta(hours=47) < offer.offer_expires_at - timezone.now() <= timedelta(hours=48)
    offered_mail = next(message for message in mail.outbox if message.to == [waiting.email])
    assert "We are holding it for you until" in offered_mail.body
    assert "UK time" in offered_mail.body
    # The place is held: nobody else can take it meanwhile.
    newcomer = make_member("newcomer@example.org")
    assert bookings.book(meeting.pk, newcomer).status == Booking.Status.WAITING

    client.force_login(waiting)
    page = client.get(url(meeting)).content.decode()
    assert "A place has come up for you" in page and "It is held for you until" in page
    mail.outbox.clear()
    with committed():
        response = client.post(url(meeting, "accept/"), follow=True)

    assert "The place is yours" in response.content.decode()
    assert Booking.objects.get(member=waiting).status == Booking.Status.ATTENDING
    assert [message.to for message in mail.outbox] == [[waiting.email]]
    assert mail.outbox[0].attachments[0][0] == "spring.ics"


def test_an_offer_never_outlasts_the_booking_deadline(meeting):
    meeting.booking_closes_at = timezone.now() + timedelta(hours=3)
    meeting.save()
    coming, waiting = fill_and_queue(meeting)
    bookings.cancel(meeting.pk, coming)
    assert Booking.objects.get(member=waiting).offer_expires_at == meeting.booking_closes_at


def test_an_offer_not_taken_up_passes_to_the_next_person(client, meeting):
    coming, waiting = fill_and_queue(meeting)
    next_in_line = make_member("next@example.org")
    bookings.book(meeting.pk, next_in_line)
    bookings.cancel(meeting.pk, coming)
    Booking.objects.filter(member=waiting).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )

    # Too late to take it up.
    client.force_login(waiting)
    response = client.post(url(meeting, "accept/"), follow=True)
    assert "the offer may have lapsed" in response.content.decode()
    assert Booking.objects.get(member=waiting).status == Booking.Status.OFFERED

    output = StringIO()
    with committed():
        call_command("expire_place_offers", stdout=output)

    assert "1 offer lapsed." in output.getvalue()
    assert Booking.objects.get(member=waiting).status == Booking.Status.CANCELLED
    assert Booking.objects.get(member=next_in_line).status == Booking.Status.OFFERED
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["waiting@example.org"].startswith("The place at Spring meeting has gone")
    assert subjects["next@example.org"].startswith("A place has come up for you")

    # Run again (a scheduler may retry): nothing more happens.
    with committed():
        call_command("expire_place_offers", stdout=StringIO())
    assert Booking.objects.get(member=next_in_line).status == Booking.Status.OFFERED


def test_turning_down_an_offer_passes_it_on_at_once(client, meeting):
    coming, waiting = fill_and_queue(meeting)
    next_in_line = make_member("next@example.org")
    bookings.book(meeting.pk, next_in_line)
    bookings.cancel(meeting.pk, coming)
    client.force_login(waiting)

    assert "Turn down this place?" in client.get(url(meeting, "cancel/")).content.decode()
    client.post(url(meeting, "cancel/"))

    assert Booking.objects.get(member=next_in_line).status == Booking.Status.OFFERED


@pytest.mark.parametrize("method", ["get", "put"])
def test_taking_up_an_offer_needs_a_post(client, meeting, method):
    client.force_login(make_member())
    assert getattr(client, method)(url(meeting, "accept/")).status_code == 405


def test_only_members_can_take_up_an_offer(client, meeting, django_user_model):
    response = client.post(url(meeting, "accept/"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(django_user_model.objects.create_user("outsider", "o@example.org", "x"))
    assert client.post(url(meeting, "accept/")).status_code == 403


def test_visitors_and_members_see_the_places_left(client, index):
    meeting = MeetingPageFactory(parent=index, slug="roomy", capacity=3)
    bookings.book(meeting.pk, make_member("one@example.org"))

    assert "2 of 3 places left." in client.get(url(meeting)).content.decode()
    client.force_login(make_member("two@example.org"))
    assert "2 of 3 places left." in client.get(url(meeting)).content.decode()


def test_an_online_meeting_asks_only_what_applies_online(client, index):
    online = MeetingPageFactory(parent=index, slug="online", format=MeetingPage.Format.ONLINE)
    in_person = MeetingPageFactory(
        parent=index, slug="in-person", format=MeetingPage.Format.IN_PERSON
    )
    client.force_login(make_member())

    online_page = client.get(url(online)).content.decode()
    assert "Captions" in online_page
    assert "Step-free access" not in online_page and "Dietary needs" not in online_page
    in_person_page = client.get(url(in_person)).content.decode()
    assert "Step-free access" in in_person_page and "Dietary needs" in in_person_page


@pytest.mark.parametrize("need", ["step_free", "dietary"])
def test_an_online_meeting_refuses_room_needs(client, index, need):
    online = MeetingPageFactory(parent=index, slug="online", format=MeetingPage.Format.ONLINE)
    client.force_login(make_member())

    response = client.post(url(online, "book/"), {"access_needs": [need]})

    assert "Select a valid choice" in str(response.context["booking_form"].errors["access_needs"])
    assert Booking.objects.count() == 0


def test_the_edit_screen_has_a_panel_of_who_is_coming(client, meeting, django_user_model):
    coming = make_member("coming@example.org", first_name="Morag", last_name="Reid")
    waiting = make_member("waiting@example.org", first_name="Iain", last_name="Ross")
    bookings.book(meeting.pk, coming, ["bsl"])
    bookings.book(meeting.pk, waiting)
    client.force_login(
        django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    )

    page = client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()

    assert "Who is coming" in page
    assert "1 coming of 1 places" in page and "1 on the waiting list" in page
    assert "Morag Reid" in page and "Iain Ross" in page
    assert "Number 1 on the waiting list" in page
    assert f"/admin/events/meetings/{meeting.pk}/bookings.csv" in page


def test_a_new_meeting_form_explains_the_empty_panel(client, index, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    )
    page = client.get(f"/admin/pages/add/events/meetingpage/{index.pk}/").content.decode()
    assert "Once the meeting is published" in page


def test_places_left_stay_true_for_visitors_when_the_page_is_cached(client, index, settings):
    settings.VISITOR_PAGE_CACHE_SECONDS = 600  # as in production
    meeting = MeetingPageFactory(parent=index, slug="cached", capacity=3)
    assert "3 of 3 places left." in client.get(url(meeting)).content.decode()

    booking = bookings.book(meeting.pk, make_member("one@example.org"))
    assert "2 of 3 places left." in client.get(url(meeting)).content.decode()

    bookings.cancel(meeting.pk, booking.member)
    assert "3 of 3 places left." in client.get(url(meeting)).content.decode()
