"""The roles table in code: applied after migrate, checks by permission, and one way to sign in."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from events import booking as bookings
from network_site.core.roles import (
    ADMINISTRATOR,
    COORDINATOR,
    EDITOR,
    MEMBER,
    MODERATOR,
    ROLES,
    apply_roles,
)
from stories.models import StoryIndexPage
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory, make_member
from tests.factories.membership import PASSWORD, JoinRequestFactory, make_staff
from tests.factories.stories import make_story_index

pytestmark = pytest.mark.django_db

SECRET = "very-secret-room-4471"


def held(role):
    return set(
        Group.objects.get(name=role.group)
        .permissions.values_list("content_type__app_label", "codename")
        .order_by()
    )


def test_every_role_holds_exactly_the_tables_permissions_after_migrate():
    for role in (MEMBER, MODERATOR, COORDINATOR, EDITOR):
        assert held(role) == {tuple(dotted.split(".", 1)) for dotted in role.permissions}
    assert Group.objects.get(name=ADMINISTRATOR.group).permissions.count() == (
        Permission.objects.count()
    )


def test_permissions_given_by_hand_are_taken_away_again_and_wagtails_defaults_replaced():
    moderators = Group.objects.get(name=MODERATOR.group)
    moderators.permissions.add(Permission.objects.get(codename="view_joinrequest"))
    GroupPagePermission.objects.create(
        group=moderators,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="change_page"),
    )
    apply_roles()
    assert held(MODERATOR) == {tuple(dotted.split(".", 1)) for dotted in MODERATOR.permissions}
    assert ("membership", "view_joinrequest") not in held(MODERATOR)
    # Wagtail gives its Moderators group every page; here they have none beyond the stories.
    assert not GroupPagePermission.objects.filter(group=moderators).exists()


def test_a_new_stories_index_gives_moderators_publishing_there_only(home_page):
    index = make_story_index(home_page)
    grants = GroupPagePermission.objects.filter(group__name=MODERATOR.group)
    assert [(g.page_id, g.permission.codename) for g in grants] == [(index.pk, "publish_page")]
    apply_roles()  # idempotent
    assert grants.count() == 1
    assert StoryIndexPage.objects.count() == 1


@pytest.fixture
def meeting(home_page):
    index = MeetingIndexPageFactory(parent=home_page)
    meeting = MeetingPageFactory(
        parent=index, slug="online", format="online", joining_link=f"https://x.org/{SECRET}"
    )
    bookings.book(meeting.pk, make_member("coming@example.org"), ["bsl"], "A quiet room")
    return meeting


def test_a_moderator_sees_nothing_of_bookings_access_needs_or_joining_links(client, meeting):
    client.force_login(make_staff(MODERATOR))
    for url in (
        f"/admin/events/meetings/{meeting.pk}/bookings/",
        f"/admin/events/meetings/{meeting.pk}/bookings.csv",
        f"/admin/pages/{meeting.pk}/edit/",
        reverse("joinrequest:index"),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert SECRET not in response.content.decode()
        assert "coming@example.org" not in response.content.decode()
    assert SECRET not in client.get("/meetings/online/").content.decode()
    assert client.get("/admin/").status_code == 200


def test_an_editor_sees_who_is_coming(client, meeting):
    client.force_login(make_staff(EDITOR))
    response = client.get(f"/admin/events/meetings/{meeting.pk}/bookings/")
    assert response.status_code == 200
    assert "coming@example.org" in response.content.decode()


def test_coordinators_answer_join_requests_and_nothing_of_meetings(client, meeting):
    client.force_login(make_staff(COORDINATOR))
    assert client.get(reverse("joinrequest:index")).status_code == 200
    assert client.get(f"/admin/events/meetings/{meeting.pk}/bookings/").status_code in (302, 403)


def test_wagtails_front_end_sign_in_goes_to_the_sites_sign_in(client, home_page):
    pending = JoinRequestFactory(status="pending")
    response = client.get("/_util/login/?next=/stories/")
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=%2Fstories%2F"
    # A POST of a username and password there signs nobody in.
    client.post("/_util/login/", {"username": pending.user.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_no_view_signs_people_in_except_through_allauth():
    """Every other `login(` call would be a way round approval, rate limits and lockout."""
    calls = []
    for path in Path(settings.BASE_DIR).glob("**/*.py"):
        parts = path.relative_to(settings.BASE_DIR).parts
        if parts[0] in {".venv", "node_modules", "tests"} or "migrations" in parts:
            continue
        text = path.read_text()
        if re.search(r"(?<![\w.])(auth_)?login\(\s*request", text):
            calls.append(str(path))
    assert calls == []


def test_checks_are_permissions_never_group_names():
    """Roles are given by group (roles.assign_role) and checked with has_perm, nowhere by name."""
    by_name = re.compile(r"groups__name|groups\.filter\(name|_GROUP\b")
    offenders = []
    for path in Path(settings.BASE_DIR).glob("**/*.py"):
        parts = path.relative_to(settings.BASE_DIR).parts
        if parts[0] in {".venv", "node_modules"} or "migrations" in parts:
            continue
        if path == Path(__file__):
            continue
        if by_name.search(path.read_text()):
            offenders.append(str(path))
    assert offenders == []


def test_the_table_names_five_roles_each_with_a_group():
    assert [role.group for role in ROLES] == [
        "Members",
        "Moderators",
        "Coordinators",
        "Editors",
        "Administrators",
    ]
    assert set(Group.objects.values_list("name", flat=True)) >= {role.group for role in ROLES}
