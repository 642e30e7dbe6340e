"""The report of content due for review: filters, CSV, and "mark reviewed" recording who and when."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, PageLogEntry

from network_site.core.reviews import MARK_REVIEWED_ACTION
from resources.models import ResourcePage
from tests.factories.mapping import MappingEntryPageFactory, MappingGuidePageFactory
from tests.factories.membership import UserFactory
from tests.factories.resources import (
    CarersActGuidePageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reviews/"
CSV_URL = "/admin/reviews/export.csv"


@pytest.fixture
def content(home_page):
    today = timezone.localdate()
    library = ResourceIndexPageFactory(parent=home_page)
    guide = MappingGuidePageFactory(parent=home_page)
    pages = {
        "fresh": ResourcePageFactory(parent=library, title="Fresh", last_reviewed=today),
        "stale": ResourcePageFactory(
            parent=library, title="Stale", last_reviewed=today - datetime.timedelta(days=400)
        ),
        "never": ResourcePageFactory(parent=library, title="=Never reviewed"),
        "entry": MappingEntryPageFactory(
            parent=guide, title="Old entry", last_reviewed=datetime.date(2020, 1, 5)
        ),
        "act": CarersActGuidePageFactory(parent=home_page, title="Carers Act guide"),
    }
    for page in pages.values():
        page.save_revision().publish()
    return pages


@pytest.fixture
def editor(client):
    user = UserFactory(
        email="eilidh@example.org", username="eilidh", first_name="Eilidh", last_name="Ross"
    )
    group = Group.objects.create(name="Report editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    from wagtail.models import Page

    GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission_type="change"
    )
    user.groups.add(group)
    client.force_login(user)
    return user


def titles(response):
    return [item.page.title for item in response.context["items"]]


def test_report_lists_content_due_for_review_least_recently_reviewed_first(client, editor, content):
    response = client.get(REPORT_URL)

    assert response.status_code == 200
    assert titles(response)[:2] in (
        ["=Never reviewed", "Carers Act guide"],
        ["Carers Act guide", "=Never reviewed"],
    )
    assert titles(response)[2:] == ["Old entry", "Stale"]
    html = response.content.decode()
    assert "Mapping guide entry" in html and "5 January 2020" in html


def test_report_filters_by_content_and_status(client, editor, content):
    assert titles(client.get(REPORT_URL, {"kind": "mapping-entry"})) == ["Old entry"]
    assert "Fresh" in titles(client.get(REPORT_URL, {"kind": "resource", "status": "all"}))
    both = titles(client.get(REPORT_URL, {"kind": ["mapping-entry", "carers-act-guide"]}))
    assert sorted(both) == ["Carers Act guide", "Old entry"]


def test_unknown_filter_values_are_ignored_with_a_message_never_an_error(client, editor, content):
    response = client.get(REPORT_URL, {"kind": "spaceship", "status": "x", "p": "last"})
    assert response.status_code == 200
    assert "not understood" in response.content.decode()
    assert len(titles(response)) == 4


def test_report_exports_the_filtered_rows_as_csv(client, editor, content):
    response = client.get(CSV_URL, {"kind": "resource"})

    assert response["Content-Type"].startswith("text/csv")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffContent,Title,Last reviewed")
    lines = text.splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("Resource,'=Never reviewed,never")  # a formula made harmless
    assert "Stale" in lines[2] and "/admin/pages/" in lines[2]


def test_mark_reviewed_records_who_and_when_and_leaves_the_report(client, editor, content):
    stale = content["stale"]
    response = client.post(
        f"/admin/reviews/{stale.pk}/reviewed/", {"next": REPORT_URL + "?kind=resource"}
    )

    assert response.status_code == 302 and response["Location"] == REPORT_URL + "?kind=resource"
    stale.refresh_from_db()
    assert stale.last_reviewed == timezone.localdate()
    assert stale.reviewed_by == "Eilidh Ross"
    # The next edit starts from the latest revision: it keeps the review.
    draft = ResourcePage.objects.get(pk=stale.pk).get_latest_revision_as_object()
    assert draft.last_reviewed == timezone.localdate() and draft.reviewed_by == "Eilidh Ross"
    entry = PageLogEntry.objects.get(page=stale, action=MARK_REVIEWED_ACTION)
    assert entry.user == editor and entry.timestamp is not None
    assert "Stale" not in titles(client.get(REPORT_URL))
    history = client.get(f"/admin/pages/{stale.pk}/history/").content.decode()
    assert "Marked as reviewed" in history


def test_mark_reviewed_refuses_what_the_user_cannot_edit_or_review(
    client, content, django_user_model
):
    viewer = UserFactory(email="v@example.org", username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(viewer)
    stale = content["stale"]

    response = client.post(f"/admin/reviews/{stale.pk}/reviewed/")

    assert response.status_code == 302 and response["Location"] == "/admin/"
    stale.refresh_from_db()
    assert stale.reviewed_by == ""
    # Someone who edits no pages is not offered the report (no menu item) and cannot open it.
    assert client.get(REPORT_URL)["Location"] == "/admin/"
    assert client.get(f"/admin/reviews/{stale.pk}/reviewed/").status_code == 405


def test_mark_reviewed_only_for_reviewable_pages_and_safe_redirects(client, editor, content):
    home = content["act"].get_parent()
    assert client.post(f"/admin/reviews/{home.pk}/reviewed/").status_code == 302
    assert not PageLogEntry.objects.filter(action=MARK_REVIEWED_ACTION).exists()
    response = client.post(
        f"/admin/reviews/{content['act'].pk}/reviewed/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == REPORT_URL


@pytest.mark.parametrize("how_many", [1, 12])
def test_report_query_count_is_flat(
    client, editor, home_page, how_many, django_assert_max_num_queries
):
    library = ResourceIndexPageFactory(parent=home_page)
    for number in range(how_many):
        ResourcePageFactory(parent=library, title=f"Item {number}")
    client.get(REPORT_URL)
    with django_assert_max_num_queries(30):
        response = client.get(REPORT_URL)
    assert len(titles(response)) == how_many
