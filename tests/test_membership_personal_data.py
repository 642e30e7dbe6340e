"""Every foreign key to the user model is covered by export and erasure, and erasure is real."""

import pytest
import wagtail_factories
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from wagtail.log_actions import log
from wagtail.models import (
    Comment,
    CommentReply,
    ModelLogEntry,
    PageLogEntry,
    PageSubscription,
    Revision,
)
from wagtail.users.models import UserProfile

from network_site.membership import personal_data
from network_site.membership.erasure import ERASED_BY_ACCOUNT_DELETION, delete_account
from network_site.membership.models import ConsentRecord, JoinRequest, MemberProfile
from tests.factories.core import StandardPageFactory
from tests.factories.membership import (
    CoordinatorFactory,
    JoinRequestFactory,
    MemberFactory,
)

HANDLED_ON_DELETE = {models.CASCADE, models.SET_NULL}


def user_references():
    """(model, field) for each foreign key to the user model declared on a model of any app."""
    user_model = get_user_model()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.local_fields:
            if field.is_relation and field.related_model is user_model:
                yield model, field


def test_every_foreign_key_to_the_user_is_exported_and_erased_or_justified():
    registered = personal_data.covered_models()
    uncovered = [
        f"{model._meta.label}.{field.name}"
        for model, field in user_references()
        if model not in registered and model._meta.label not in ERASED_BY_ACCOUNT_DELETION
    ]
    assert uncovered == [], (
        "Register these in the personal-data register (export + erase) from the app's "
        "AppConfig.ready(), or handle them in membership/erasure.py: " + ", ".join(uncovered)
    )


def test_allow_listed_references_are_cascade_set_null_or_cleared_by_the_erasure_code():
    explicitly_cleared = {"wagtailcore.PageLogEntry", "wagtailcore.ModelLogEntry"}
    for model, field in user_references():
        label = model._meta.label
        if label in ERASED_BY_ACCOUNT_DELETION and label not in explicitly_cleared:
            assert field.remote_field.on_delete in HANDLED_ON_DELETE, f"{label}.{field.name}"


def test_the_allow_list_names_only_real_models():
    for label in ERASED_BY_ACCOUNT_DELETION:
        assert apps.get_model(label)


def test_membership_registers_its_own_models():
    assert {JoinRequest, MemberProfile, ConsentRecord} <= personal_data.covered_models()


@pytest.mark.django_db
def test_deleting_an_account_leaves_no_reference_and_no_name_behind(home_page):
    person = MemberFactory(first_name="Kirsty Watt", email="kirsty@example.org", is_staff=True)
    own_request = JoinRequestFactory(user=person, email=person.email, full_name="Kirsty Watt")
    ConsentRecord.objects.create(user=person, purpose="privacy_notice", notice_version="1")
    MemberProfile.objects.create(user=person, bio="About me")
    answered = JoinRequestFactory(decided_by=person, status=JoinRequest.Status.APPROVED)
    coordinator = CoordinatorFactory()

    page = StandardPageFactory(parent=home_page, owner=person)
    revision = page.save_revision(user=person)
    page.locked, page.locked_by = True, person
    page.save()
    log(instance=page, action="wagtail.edit", user=person, revision=revision)
    log(instance=own_request, action="wagtail.edit", user=coordinator)
    log(instance=person, action="wagtail.edit", user=coordinator)
    comment = Comment.objects.create(
        page=page, user=person, text="A note", contentpath="title", revision_created=revision
    )
    CommentReply.objects.create(comment=comment, user=person, text="A reply")
    PageSubscription.objects.create(page=page, user=person, comment_notifications=True)
    UserProfile.get_for_user(person)
    image = wagtail_factories.ImageFactory(uploaded_by_user=person)
    person_pk = person.pk

    delete_account(person)

    for model, field in user_references():
        rows = model._base_manager.filter(**{field.attname: person_pk})
        assert not rows.exists(), f"{model._meta.label}.{field.name} still points at the user"
    revision = Revision.objects.get(pk=revision.pk)
    assert revision.user_id is None
    assert revision.content["owner"] is None and revision.content.get("locked_by") is None
    page.refresh_from_db()
    assert not page.locked and page.owner_id is None
    image.refresh_from_db()
    assert image.uploaded_by_user_id is None
    labels = " ".join(ModelLogEntry.objects.values_list("label", flat=True))
    labels += " ".join(PageLogEntry.objects.values_list("label", flat=True))
    assert "Kirsty" not in labels and "kirsty@example.org" not in labels
    assert not JoinRequest.objects.filter(pk=own_request.pk).exists()
    answered.refresh_from_db()
    assert answered.status == JoinRequest.Status.APPROVED and answered.decided_by_id is None


@pytest.mark.django_db
def test_export_lists_every_registered_source(home_page):
    person = MemberFactory()
    exported = personal_data.export_for(person)
    assert set(exported) == {source.key for source in personal_data.sources()}
