"""Editors import the guide from the admin: upload, preview, confirm; the command shares the code."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import PageLogEntry

from mapping.models import MappingEntryPage
from mapping.records import csv_header
from tests.factories.mapping import ComparisonDimensionFactory, MappingEntryPageFactory
from tests.test_mapping_import import build_varied_guide, good_row

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/mapping-guide/import/"
CONFIRM_URL = "/admin/mapping-guide/import/confirm/"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "pw-x9!long", first_name="Eilidh", last_name="Ross"
    )
    client.force_login(user)
    return user


def csv_upload(rows, dimension_names=(), name="guide.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_header(list(dimension_names)))
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def upload(client, guide_file, save_as="draft"):
    return client.post(IMPORT_URL, {"guide_file": guide_file, "save_as": save_as})


def test_preview_lists_added_changed_left_alone_and_rejected_rows_and_saves_nothing(
    client, editor, guide
):
    ComparisonDimensionFactory(name="Covers carers")
    MappingEntryPageFactory(
        parent=guide,
        slug="same",
        title="Same",
        summary="About same.",
        sectors=["health", "housing"],
    ).save_revision().publish()
    MappingEntryPageFactory(parent=guide, slug="old", title="Old").save_revision().publish()
    rows = [
        good_row("brand-new"),
        good_row("old", summary="A better summary."),
        good_row("same"),
        good_row("broken", kind="spaceship"),
    ]

    response = upload(client, csv_upload(rows), save_as="publish")

    assert response.status_code == 200
    html = response.content.decode()
    outcomes = {slug: outcome for _, slug, _, outcome in response.context["rows"]}
    assert outcomes == {"brand-new": "Added", "old": "Changed", "same": "Left alone"}
    assert response.context["plan"].rejected == {
        5: [
            "kind “spaceship” is not one of approach, policy, legislation, framework, project, tool."
        ]
    }
    assert "spaceship" in html and "Confirm the import" in html
    assert not MappingEntryPage.objects.filter(slug="brand-new").exists()
    assert MappingEntryPage.objects.get(slug="old").summary == "What Old is about."


def test_confirmed_import_as_drafts_records_who_and_when_and_leaves_live_content(
    client, editor, guide
):
    old = MappingEntryPageFactory(parent=guide, slug="old", title="Old")
    old.save_revision().publish()
    upload(client, csv_upload([good_row("old", summary="A better summary."), good_row("new-one")]))

    token = client.session["mapping_import"]["token"]
    response = client.post(CONFIRM_URL, {"token": token})

    assert response.status_code == 302
    old.refresh_from_db()
    assert old.live and old.summary == "What Old is about."  # the live page is untouched
    assert old.has_unpublished_changes
    assert old.get_latest_revision_as_object().summary == "A better summary."
    assert old.get_latest_revision().user == editor
    new = MappingEntryPage.objects.get(slug="new-one")
    assert not new.live and new.summary == "About new-one."
    edits = PageLogEntry.objects.filter(page=old, action="wagtail.edit")
    assert edits.get().user == editor and edits.get().timestamp is not None
    assert PageLogEntry.objects.filter(page=new, action="wagtail.create", user=editor).exists()
    assert "mapping_import" not in client.session
    # The same confirmation cannot be replayed.
    response = client.post(CONFIRM_URL, {"token": token}, follow=True)
    assert "expired" in response.content.decode()


def test_confirmed_import_published_makes_live_revisions_by_the_editor(client, editor, guide):
    upload(client, csv_upload([good_row("new-one")]), save_as="publish")
    client.post(CONFIRM_URL, {"token": client.session["mapping_import"]["token"]})

    new = MappingEntryPage.objects.get(slug="new-one")
    assert new.live
    assert PageLogEntry.objects.filter(page=new, action="wagtail.publish", user=editor).exists()


def test_json_export_imports_through_the_same_code(client, editor, guide):
    build_varied_guide(guide)
    exported = client.get("/mapping-guide/export/json/").content
    data = json.loads(exported)
    data["entries"][0]["summary"] = "Changed in the JSON."
    data["entries"].append({"slug": "no-name"})

    response = upload(
        client,
        SimpleUploadedFile(
            "guide.json", json.dumps(data).encode(), content_type="application/json"
        ),
        save_as="publish",
    )

    outcomes = {slug: outcome for _, slug, _, outcome in response.context["rows"]}
    assert sorted(outcomes.values()) == ["Changed", "Left alone"]
    assert response.context["plan"].place_label == "Entry"
    assert "it lacks name" in response.context["plan"].rejected[3][0]
    client.post(CONFIRM_URL, {"token": client.session["mapping_import"]["token"]})
    changed = MappingEntryPage.objects.get(slug=data["entries"][0]["slug"])
    assert changed.summary == "Changed in the JSON."


@pytest.mark.parametrize(
    ("guide_file", "message"),
    [
        (SimpleUploadedFile("guide.csv", b"\xff\xfe\x00bad"), "not UTF-8"),
        (SimpleUploadedFile("guide.csv", b"slug,name\nx,y\n"), "lacks the column"),
        (SimpleUploadedFile("guide.json", b"{not json"), "not readable JSON"),
        (SimpleUploadedFile("guide.json", b'{"entries": 3}'), '"entries" list'),
        (SimpleUploadedFile("guide.xlsx", b"PK"), "Choose a .csv or .json file"),
        (SimpleUploadedFile("guide.csv", b""), "empty"),
    ],
)
def test_unreadable_file_is_refused_beside_the_field(client, editor, guide, guide_file, message):
    response = upload(client, guide_file)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["guide_file"])
    assert "mapping_import" not in client.session
    assert not MappingEntryPage.objects.exists()


def test_import_needs_permission_to_add_entries(client, guide, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", "viewer@example.org", "pw-x9!long")
    viewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(viewer)

    # Wagtail's admin answers a refused permission by sending the user back to the dashboard.
    for response in (
        client.get(IMPORT_URL),
        client.post(IMPORT_URL, {"save_as": "draft", "guide_file": csv_upload([good_row("x")])}),
    ):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not MappingEntryPage.objects.exists()
    assert client.post(CONFIRM_URL, {"token": "x"}).status_code == 302  # no pending import
    assert "Import mapping guide" not in client.get("/admin/").content.decode()


def test_signed_out_visitor_is_sent_to_sign_in(client, guide):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and "login" in response["Location"]
