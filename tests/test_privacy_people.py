"""Nothing private leaks about people: purges, the directory, caching, calendar files and mail."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from events import booking as bookings
from events.times import start_of_uk_day, uk_today
from network_site.core.roles import COORDINATOR, MODERATOR
from network_site.membership.models import JoinRequest, MemberProfile
from network_site.membership.services import decline
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory, make_member
from tests.factories.membership import (
    MemberFactory,
    join_form_data,
    make_staff,
)

pytestmark = pytest.mark.django_db

NAME = "Zebedee Quillfeather"
EMAIL = "zebedee.quillfeather@example.org"


def every_row_of_every_table():
    """(table, row) for every row the database holds, as text."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                yield table, " ".join(str(value) for value in row)


def test_a_purged_request_leaves_no_name_or_address_in_any_table(client, home_page, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    coordinator = make_staff(COORDINATOR)
    client.post(reverse("membership:join"), join_form_data(full_name=NAME, email=EMAIL))
    join_request = JoinRequest.objects.get(email=EMAIL)
    JoinRequest.objects.filter(pk=join_request.pk).update(
        status=JoinRequest.Status.PENDING, confirmed_at=timezone.now()
    )
    decline(join_request, decided_by=coordinator, message=f"Sorry, {NAME}.")
    # Its trace in the admin's history, and the emails in the task queue, name the person.
    assert any(NAME in row for _, row in every_row_of_every_table())

    JoinRequest.objects.filter(pk=join_request.pk).update(
        decided_at=timezone.now() - timedelta(days=settings.MEMBERSHIP_REQUEST_RETENTION_DAYS + 1)
    )
    call_command("purge_join_requests", stdout=open("/dev/null", "w"))  # noqa: SIM115

    traces = [
        (table, row)
        for table, row in every_row_of_every_table()
        if any(part.lower() in row.lower() for part in (NAME, EMAIL, "Quillfeather"))
    ]
    assert traces == []


def traces_of(*texts):
    return [
        (table, row)
        for table, row in every_row_of_every_table()
        if any(text.lower() in row.lower() for text in texts)
    ]


def test_a_deleted_account_leaves_no_name_address_or_message_in_any_table(
    client, home_page, settings
):
    """Mail to and from the person waits (or is kept, once sent) in the task queue's table: the
    deletion reaches it as well."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ACCOUNT_RATE_LIMITS = {}
    message = "Shall we compare notes on the Kelpie project"
    person = MemberFactory(first_name=NAME, email=EMAIL)
    MemberProfile.objects.create(user=person, listed_in_directory=True, accepts_contact=True)
    other = MemberFactory(first_name="Hamish Other")
    other_profile = MemberProfile.objects.create(
        user=other, listed_in_directory=True, accepts_contact=True
    )
    client.force_login(person)
    # Mail from the person (a directory message naming them) and to them (the reply).
    client.post(reverse("membership:contact", args=[other_profile.pk]), {"message": message})
    client.force_login(other)
    person_profile = MemberProfile.objects.get(user=person)
    client.post(reverse("membership:contact", args=[person_profile.pk]), {"message": "Yes!"})
    queue = DBTaskResult._meta.db_table
    assert {table for table, _ in traces_of(NAME, EMAIL, message)} >= {queue}, "mail is queued"

    client.force_login(person)
    person.set_password("the-right-password-42")
    person.save()
    client.force_login(person)
    client.post(reverse("membership:delete_account"), {"password": "the-right-password-42"})

    assert traces_of(NAME, EMAIL, "Quillfeather", message) == []
    assert traces_of("Hamish Other")  # other people's data stays


@pytest.fixture
def directory(home_page):
    def listed(name, **fields):
        user = MemberFactory(first_name=name)
        MemberProfile.objects.update_or_create(
            user=user, defaults={"listed_in_directory": True, **fields}
        )
        return user

    listed("Aileen", council_area="fife", show_area=False, show_name=False)
    listed("Bruce", council_area="fife", show_area=True)
    listed("Catriona", council_area="angus", show_area=True)
    listed("Aaron", show_name=False)
    viewer = MemberFactory(first_name="Viewer")
    return viewer


def names_in(response):
    return [
        profile.user.first_name if profile.show_name else "hidden"
        for profile in response.context["members_page"]
    ]


def test_the_directory_filters_by_area_only_where_members_show_it(client, directory):
    client.force_login(directory)
    response = client.get(reverse("membership:directory"), {"area": "fife"})
    assert names_in(response) == ["Bruce"]


def test_the_directory_orders_hidden_names_without_using_them(client, directory):
    client.force_login(directory)
    response = client.get(reverse("membership:directory"))
    names = names_in(response)
    assert names[:2] == ["Bruce", "Catriona"]
    assert names[2:] == ["hidden", "hidden"]
    hidden = [p for p in response.context["members_page"] if not p.show_name]
    # In the order they joined, not the (hidden) alphabetical one: Aileen joined before Aaron.
    assert [p.user.first_name for p in hidden] == ["Aileen", "Aaron"]


def test_signed_in_pages_are_private_and_never_stored(client, home_page):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    for user in (MemberFactory(), make_staff(MODERATOR)):
        client.force_login(user)
        for url in ("/", "/admin/", reverse("membership:account"), "/search/?q=x"):
            directives = {
                part.strip() for part in client.get(url).get("Cache-Control", "").split(",")
            }
            assert {"private", "no-store"} <= directives, url
            assert "public" not in directives


@pytest.fixture
def meeting_with_a_broken_title(home_page):
    index = MeetingIndexPageFactory(parent=home_page)
    return MeetingPageFactory(
        parent=index,
        slug="broken",
        title="Spring meeting\r\nBCC: everyone@example.org",
        starts_at=start_of_uk_day(uk_today() + timedelta(days=1)) + timedelta(hours=10),
    )


def test_calendar_text_is_one_line(client, meeting_with_a_broken_title):
    response = client.get("/meetings/broken/calendar/")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Spring meeting BCC: everyone@example.org"
    assert "\n" not in str(event["LOCATION"])


def test_a_title_with_a_line_break_gives_a_one_line_subject(
    meeting_with_a_broken_title, mailoutbox, django_capture_on_commit_callbacks
):
    member = make_member("coming@example.org")
    bookings.book(meeting_with_a_broken_title.pk, member, [], "")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    subjects = [message.subject for message in mailoutbox]
    assert subjects, "the reminder was sent"
    assert all("\n" not in subject and "\r" not in subject for subject in subjects)
    assert "Spring meeting BCC: everyone@example.org" in subjects[0]


def test_every_table_is_scanned():
    # The scan above reads every table Django knows, and any other (allauth's, tasks', search's).
    tables = set(connection.introspection.table_names())
    assert {model._meta.db_table for model in apps.get_models()} <= tables
