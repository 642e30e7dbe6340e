"""Each role's admin dashboard shows its own work: coordinators, moderators and editors."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, WorkflowState

from events.models import Booking
from resources.links import LinkResult
from resources.models import LinkCheck
from stories.models import StoryPage
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory, make_member
from tests.factories.mapping import MappingEntryPageFactory
from tests.factories.membership import CoordinatorFactory, JoinRequestFactory, UserFactory
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory
from tests.factories.stories import make_member as make_teller
from tests.factories.stories import make_moderator, make_story_index, story_form_data

pytestmark = pytest.mark.django_db


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(html, panel_id):
    """The HTML of one dashboard panel, or None when the dashboard does not show it."""
    start = html.find(f'id="{panel_id}')
    if start == -1:
        return None
    return html[start : html.find("</section>", start)]


def editor_user():
    editor = UserFactory(email="editor@example.org", username="editor@example.org")
    group = Group.objects.create(name="Test editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    from wagtail.models import Page

    GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission_type="change"
    )
    editor.groups.add(group)
    return editor


def test_coordinators_see_join_requests_oldest_first_with_age_and_next_meetings(client, home_page):
    now = timezone.now()
    JoinRequestFactory(full_name="Newest Person", confirmed_at=now - datetime.timedelta(hours=2))
    JoinRequestFactory(full_name="Oldest Person", confirmed_at=now - datetime.timedelta(days=9))
    JoinRequestFactory(full_name="Middle Person", confirmed_at=now - datetime.timedelta(days=3))
    index = MeetingIndexPageFactory(parent=home_page)
    meeting = MeetingPageFactory(parent=index, title="Winter meeting", capacity=2)
    MeetingPageFactory(parent=index, title="Long past", starts_at=now - datetime.timedelta(days=90))
    Booking.objects.create(meeting=meeting, member=make_member(), status="attending")
    Booking.objects.create(meeting=meeting, member=make_member("b@example.org"), status="waiting")
    coordinator = CoordinatorFactory()

    html = dashboard(client, coordinator)

    requests_panel = panel(html, "join-requests")
    assert "<strong>3</strong> requests waiting" in requests_panel
    names = ["Oldest Person", "Middle Person", "Newest Person"]
    assert sorted(names, key=requests_panel.index) == names
    assert "1\xa0week, 2\xa0days" in requests_panel  # its age, as timesince puts it
    meetings_panel = panel(html, "next-meetings")
    assert "Winter meeting" in meetings_panel and "Long past" not in meetings_panel
    assert "<td>1 of 2</td>" in meetings_panel and "<td>1</td>" in meetings_panel
    # Not the editors' or the moderators' work.
    assert panel(html, "stories-to-moderate") is None and panel(html, "due-for-review") is None


def test_moderators_see_stories_waiting_with_age_and_identifying_details(client, home_page):
    index = make_story_index(home_page)
    teller = make_teller("teller")
    client.force_login(teller)
    client.post(
        index.share_url,
        story_form_data(
            title="Bowling club",
            what_we_did="We rang him on 07700 900123.",
            details_checked="on",
        ),
    )
    story = StoryPage.objects.get()
    state = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS)
    state.current_task_state.__class__.objects.filter(pk=state.current_task_state.pk).update(
        started_at=timezone.now() - datetime.timedelta(days=4)
    )

    html = dashboard(client, make_moderator())

    stories_panel = panel(html, "stories-to-moderate")
    assert "Bowling club" in stories_panel
    assert f"/admin/pages/{story.pk}/edit/" in stories_panel
    assert "4\xa0days" in stories_panel
    assert "to check:" in stories_panel and "phone number" in stories_panel.lower()
    assert panel(html, "join-requests") is None


def test_editors_see_broken_links_and_content_reviewed_over_a_year_ago(
    client, home_page, monkeypatch
):
    library = ResourceIndexPageFactory(parent=home_page)
    broken = ResourcePageFactory(
        parent=library, title="Gone away", external_url="https://example.org/gone"
    )
    ResourcePageFactory(parent=library, title="Still there", last_reviewed=timezone.localdate())
    monkeypatch.setattr(
        "resources.management.commands.check_resource_links.check_link",
        lambda url, timeout: LinkResult(url, status=404 if "gone" in url else 200),
    )
    call_command("check_resource_links", stdout=io.StringIO())
    from tests.factories.mapping import MappingGuidePageFactory

    guide = MappingGuidePageFactory(parent=home_page)
    MappingEntryPageFactory(
        parent=guide, title="Old entry", last_reviewed=datetime.date(2020, 1, 5)
    )

    html = dashboard(client, editor_user())

    links_panel = panel(html, "broken-links")
    assert "Gone away" in links_panel and "HTTP 404" in links_panel
    assert "Still there" not in links_panel
    review_panel = panel(html, "due-for-review")
    assert "Old entry" in review_panel and "5 January 2020" in review_panel
    assert "Gone away" in review_panel  # never reviewed
    assert "Still there" not in review_panel
    assert LinkCheck.objects.get(resource=broken).is_broken
    assert panel(html, "join-requests") is None and panel(html, "stories-to-moderate") is None


def test_link_checker_keeps_one_result_per_resource_and_forgets_unlinked_ones(
    home_page, monkeypatch
):
    library = ResourceIndexPageFactory(parent=home_page)
    resource = ResourcePageFactory(parent=library, external_url="https://example.org/a")
    monkeypatch.setattr(
        "resources.management.commands.check_resource_links.check_link",
        lambda url, timeout: LinkResult(url, error="connection error: refused"),
    )
    call_command("check_resource_links", stdout=io.StringIO())
    call_command("check_resource_links", stdout=io.StringIO())
    check = LinkCheck.objects.get()
    assert check.is_broken and check.describe() == "connection error: refused"

    resource.unpublish()
    call_command("check_resource_links", stdout=io.StringIO())
    assert not LinkCheck.objects.exists()


@pytest.mark.parametrize("how_many", [1, 8])
def test_dashboard_query_count_is_flat(client, home_page, django_assert_max_num_queries, how_many):
    library = ResourceIndexPageFactory(parent=home_page)
    for number in range(how_many):
        resource = ResourcePageFactory(parent=library, title=f"Resource {number}")
        LinkCheck.objects.create(
            resource=resource,
            url=resource.external_url,
            status=500,
            is_broken=True,
            checked_at=timezone.now(),
        )
        JoinRequestFactory()
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    client.get(reverse("wagtailadmin_home"))  # warm caches (site, content types)
    with django_assert_max_num_queries(45):
        response = client.get(reverse("wagtailadmin_home"))
    assert response.content.decode().count("Resource ") >= how_many
