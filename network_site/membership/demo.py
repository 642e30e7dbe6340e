"""Demo accounts for development: a coordinator, a few members and a few requests waiting (the
members and requests in `demo_content/`)."""

from datetime import timedelta
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from network_site.core.demo_data import by_slug, read_records
from network_site.core.models import Sector
from network_site.core.roles import COORDINATOR, MEMBER, assign_role

from .models import ConsentRecord, JoinRequest, MemberProfile, User
from .second_factor import set_up_authenticator_app

DEMO_CONTENT = Path(__file__).parent / "demo_content"
MEMBERS = DEMO_CONTENT / "members.yaml"
JOIN_REQUESTS = DEMO_CONTENT / "join-requests.yaml"
MEMBER_FIELDS = {"name", "email", "role", "organisation", "sector", "council_area"}
REQUEST_FIELDS = {"name", "email", "role", "sector", "council_area", "hopes", "days_ago"}


def demo_members():
    return read_records(MEMBERS, MEMBER_FIELDS)


def _account(email, full_name, password, *, active):
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email.split("@")[0], email=email)
    user.first_name, user.last_name = full_name, ""
    user.is_active = active
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _consent(user, purpose):
    if not ConsentRecord.objects.filter(user=user, purpose=purpose).exists():
        ConsentRecord.objects.create(
            user=user, purpose=purpose, notice_version=settings.PRIVACY_NOTICE_VERSION
        )


def load(context):
    stdout = context["stdout"]
    coordinator = _account(
        "coordinator@example.org",
        "Demo Coordinator",
        settings.DEMO_COORDINATOR_PASSWORD,
        active=True,
    )
    assign_role(coordinator, COORDINATOR)
    set_up_authenticator_app(coordinator, settings.DEMO_TOTP_SECRET)
    sectors = Sector.objects.in_bulk(field_name="slug")

    members = demo_members()
    for position, entry in enumerate(members, 1):
        [sector] = by_slug(MEMBERS, f"member {position}", sectors, [entry["sector"]])
        member = _account(entry["email"], entry["name"], settings.DEMO_MEMBER_PASSWORD, active=True)
        assign_role(member, MEMBER)
        MemberProfile.objects.update_or_create(
            user=member,
            defaults={
                "role": entry["role"],
                "organisation": entry["organisation"],
                "sector": sector,
                "council_area": entry["council_area"],
                "listed_in_directory": True,
                "show_organisation": entry.get("show_organisation", True),
            },
        )
        _consent(member, ConsentRecord.Purpose.PRIVACY_NOTICE)
        _consent(member, ConsentRecord.Purpose.DIRECTORY)

    now = timezone.now()
    for position, entry in enumerate(read_records(JOIN_REQUESTS, REQUEST_FIELDS), 1):
        [sector] = by_slug(JOIN_REQUESTS, f"request {position}", sectors, [entry["sector"]])
        email, days_ago = entry["email"], entry["days_ago"]
        if User.objects.filter(email__iexact=email).exists():
            continue  # already loaded, and perhaps answered since: leave it as it is
        applicant = _account(email, entry["name"], None, active=False)
        JoinRequest.objects.create(
            user=applicant,
            **{
                "full_name": entry["name"],
                "email": email,
                "role": entry["role"],
                "sector": sector,
                "council_area": entry["council_area"],
                "hopes": entry["hopes"],
                "privacy_notice_version": settings.PRIVACY_NOTICE_VERSION,
                "status": JoinRequest.Status.PENDING,
                "created_at": now - timedelta(days=days_ago, hours=1),
                "confirmed_at": now - timedelta(days=days_ago),
                "coordinators_notified_at": now - timedelta(days=days_ago),
            },
        )
        _consent(applicant, ConsentRecord.Purpose.PRIVACY_NOTICE)

    stdout.write(
        "Demo coordinator (development only): email coordinator@example.org, password "
        f"{settings.DEMO_COORDINATOR_PASSWORD}. Demo members: {members[0]['email']} and others, "
        f"password {settings.DEMO_MEMBER_PASSWORD}."
    )


def accounts():
    """The demo sign-ins, for `manage.py show_demo_accounts` at the end of `make run`."""
    return [
        ("Coordinator", "coordinator@example.org", settings.DEMO_COORDINATOR_PASSWORD),
        *[("Member", entry["email"], settings.DEMO_MEMBER_PASSWORD) for entry in demo_members()],
    ]
