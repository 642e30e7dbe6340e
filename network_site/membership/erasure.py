"""Account deletion: every trace of a person erased or anonymised, and what 'My data' exports.

Membership registers its own models in the personal-data register. Models that belong to Django,
Wagtail or allauth and point at the user are handled here by name, in ERASED_BY_ACCOUNT_DELETION;
a test walks every foreign key to the user model and fails on one that is in neither list.
"""

import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape

from . import personal_data
from .models import ConsentRecord, JoinRequest, MemberProfile, MemberStatusChange, User

ANONYMOUS_LABEL = "Deleted account"

# Models outside the register whose user references `delete_account` handles, and how.
ERASED_BY_ACCOUNT_DELETION = {
    "membership.User_groups": "group memberships; CASCADE (group names are exported in 'account')",
    "membership.User_user_permissions": "direct permissions; CASCADE",
    "wagtailcore.Revision": "author SET_NULL; owner/locked_by ids in the stored content cleared",
    "wagtailcore.PageLogEntry": "user cleared explicitly (the FK is DO_NOTHING, no DB constraint)",
    "wagtailcore.ModelLogEntry": "user cleared explicitly; entries about the person relabelled",
    "wagtailcore.Page": "owner and locked_by cleared, pages the person had locked unlocked",
    "wagtailcore.WorkflowState": "requested_by SET_NULL",
    "wagtailcore.TaskState": "finished_by SET_NULL",
    "wagtailcore.Comment": "CASCADE: the person's own words; resolved_by SET_NULL",
    "wagtailcore.CommentReply": "CASCADE: the person's own words",
    "wagtailcore.PageSubscription": "CASCADE: notification preferences",
    "wagtailcore.APIToken": "CASCADE: the person's API tokens",
    "wagtailcore.UploadedFile": "uploaded_by_user SET_NULL: an unfinished upload",
    "wagtailusers.UserProfile": "CASCADE: admin preferences and avatar",
    "wagtailadmin.EditingSession": "CASCADE: live editing sessions",
    "wagtailadmin.FormState": "CASCADE: saved admin form state",
    "wagtailimages.Image": "uploaded_by_user SET_NULL: the image stays, its uploader is forgotten",
    "wagtaildocs.Document": "uploaded_by_user SET_NULL: the document stays, its uploader goes",
}


def membership_data_sources():
    """The personal data membership itself keeps (see personal_data)."""
    return [
        personal_data.source(
            "account",
            export=_export_account,
            erase=lambda user: None,  # the User row itself goes last, in delete_account
            models=[],
        ),
        personal_data.user_rows("email_addresses", EmailAddress, describe_email_address),
        personal_data.user_rows("second_factors", Authenticator, describe_second_factor),
        personal_data.source(
            "join_request",
            export=_export_join_request,
            erase=_erase_join_requests,
            models=[JoinRequest],
        ),
        personal_data.source(
            "profile",
            export=_export_profile,
            erase=lambda user: MemberProfile.objects.filter(user=user).delete(),
            models=[MemberProfile],
        ),
        # Append-only while the account lives; they go with it (a queryset delete, by design).
        personal_data.user_rows("consents", ConsentRecord, describe_consent),
        personal_data.source(
            "account_status_changes",
            export=lambda user: [
                {
                    "active_after": change.active,
                    "reason": change.reason,
                    "changed_at": change.changed_at.isoformat(),
                }
                for change in MemberStatusChange.objects.filter(user=user)
            ],
            erase=_erase_status_changes,
            models=[MemberStatusChange],
        ),
    ]


def _export_account(user):
    return {
        "name": user.get_full_name(),
        "email": user.email,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def describe_email_address(address):
    return {"email": address.email, "verified": address.verified, "primary": address.primary}


def describe_second_factor(authenticator):
    """What kind and when, never a secret or a recovery code."""
    last_used = authenticator.last_used_at
    return {
        "type": authenticator.type,
        "added_at": authenticator.created_at.isoformat(),
        "last_used_at": last_used.isoformat() if last_used else None,
    }


def describe_consent(record):
    withdrawn = record.withdrawn_at
    return {
        "purpose": record.purpose,
        "notice_version": record.notice_version,
        "given_at": record.given_at.isoformat(),
        "withdrawn_at": withdrawn.isoformat() if withdrawn else None,
    }


def _export_join_request(user):
    join_request = JoinRequest.objects.filter(user=user).first()
    if join_request is None:
        return None
    fields = [*JoinRequest.APPLICANT_FIELDS, "status", "decision_message"]
    data = {name: getattr(join_request, name) for name in fields}
    data["sector"] = join_request.sector.name
    for name in ("created_at", "confirmed_at", "decided_at"):
        value = getattr(join_request, name)
        data[name] = value.isoformat() if value else None
    return data


def _erase_join_requests(user):
    request_ids = list(JoinRequest.objects.filter(user=user).values_list("pk", flat=True))
    _relabel_log_entries(JoinRequest, request_ids)
    JoinRequest.objects.filter(pk__in=request_ids).delete()
    # Decisions this person took as a coordinator stay; who took them is forgotten.
    JoinRequest.objects.filter(decided_by=user).update(decided_by=None)


def _erase_status_changes(user):
    MemberStatusChange.objects.filter(user=user).delete()
    # Changes this person made as a coordinator stay; who made them is forgotten.
    MemberStatusChange.objects.filter(changed_by=user).update(changed_by=None)


def _export_profile(user):
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    data = {
        field.name: getattr(profile, field.name)
        for field in MemberProfile._meta.concrete_fields
        if field.name not in ("id", "user")
    }
    data["sector"] = profile.sector.name if profile.sector else ""
    return data


def _relabel_log_entries(model, object_ids):
    from wagtail.models import ModelLogEntry

    if object_ids:
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in object_ids],
        ).update(label=ANONYMOUS_LABEL, data={})


def anonymise_wagtail_records(user):
    from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

    for revision in Revision.objects.filter(content__owner=user.pk) | Revision.objects.filter(
        content__locked_by=user.pk
    ):
        for key in ("owner", "locked_by"):
            if revision.content.get(key) == user.pk:
                revision.content[key] = None
        revision.save(update_fields=["content"])
    Revision.objects.filter(user=user).update(user=None)
    PageLogEntry.objects.filter(user=user).update(user=None)
    ModelLogEntry.objects.filter(user=user).update(user=None)
    _relabel_log_entries(User, [user.pk])
    Page.objects.filter(locked_by=user).update(locked=False, locked_by=None, locked_at=None)
    Page.objects.filter(owner=user).update(owner=None)


# Shorter names would match words in other people's mail.
SHORTEST_NAME_TO_FORGET = 4


def spellings(text):
    """`text` as it may stand in a stored task: as typed, escaped for HTML mail, and escaped
    again for JSON (non-ASCII letters as \\u escapes)."""
    forms = {text, escape(text)}
    return forms | {json.dumps(form)[1:-1] for form in forms}


def forget_queued_work_about(texts):
    """Deletes every row of the task queue (mail waiting to go, or sent and kept for a while)
    whose arguments or result mention one of `texts`: an address, a name, a link to a person."""
    if not apps.is_installed("django_tasks_db"):
        return
    from django_tasks_db.models import DBTaskResult

    condition = Q()
    for text in texts:
        if len(text.strip()) < SHORTEST_NAME_TO_FORGET:
            continue
        for form in spellings(text.strip()):
            condition |= Q(args_kwargs__icontains=form) | Q(return_value__icontains=form)
    if condition:
        DBTaskResult.objects.filter(condition).delete()


def words_about(user):
    """What a stored email says that points at this person: their addresses, their names, and the
    link other members use to write to them."""
    texts = {user.email, user.get_full_name()}
    texts.update(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    for full_name, email in JoinRequest.objects.filter(user=user).values_list("full_name", "email"):
        texts.update((full_name, email))
    for profile_id in MemberProfile.objects.filter(user=user).values_list("pk", flat=True):
        texts.add(reverse("membership:contact", args=[profile_id]))
    return {text for text in texts if text}


def delete_account(user):
    """Erases or anonymises everything the site holds about `user`, then deletes the account."""
    with transaction.atomic():
        forget_queued_work_about(words_about(user))
        personal_data.erase_for(user)
        anonymise_wagtail_records(user)
        user.delete()
