"""Demo accounts for development: a coordinator, a few members and a few requests waiting."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from network_site.core.models import Sector
from network_site.core.roles import COORDINATOR, MEMBER, assign_role

from .models import ConsentRecord, JoinRequest, MemberProfile, User

DEMO_MEMBERS = [
    (
        "Morag Campbell",
        "morag.campbell@example.org",
        "Occupational therapist",
        "NHS Highland",
        "health",
        "highland",
    ),
    (
        "Tariq Hussain",
        "tariq.hussain@example.org",
        "Housing support worker",
        "Southside Housing",
        "housing",
        "glasgow-city",
    ),
    (
        "Eilidh Fraser",
        "eilidh.fraser@example.org",
        "Carer and trainer",
        "",
        "lived-experience",
        "perth-and-kinross",
    ),
    (
        "Gordon Baird",
        "gordon.baird@example.org",
        "Team manager",
        "Fife Council social work",
        "social-care",
        "fife",
    ),
]

DEMO_REQUESTS = [
    (
        "Ailsa Morrison",
        "ailsa.morrison@example.org",
        "Community link worker",
        "third-sector",
        "dundee-city",
        "Ideas for conversations that start from what matters to people.",
        3,
    ),
    (
        "Callum Reid",
        "callum.reid@example.org",
        "Social work student",
        "education",
        "city-of-edinburgh",
        "To learn how outcomes-focused practice works day to day.",
        2,
    ),
    (
        "Priya Nair",
        "priya.nair@example.org",
        "Care home manager",
        "independent-sector",
        "north-lanarkshire",
        "To compare how other services record personal outcomes.",
        1,
    ),
]


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
    sectors = Sector.objects.in_bulk(field_name="slug")

    for index, (name, email, role, organisation, sector, area) in enumerate(DEMO_MEMBERS):
        password = settings.DEMO_MEMBER_PASSWORD
        member = _account(email, name, password, active=True)
        assign_role(member, MEMBER)
        MemberProfile.objects.update_or_create(
            user=member,
            defaults={
                "role": role,
                "organisation": organisation,
                "sector": sectors[sector],
                "council_area": area,
                "listed_in_directory": True,
                "show_organisation": index != 2,
            },
        )
        _consent(member, ConsentRecord.Purpose.PRIVACY_NOTICE)
        _consent(member, ConsentRecord.Purpose.DIRECTORY)

    now = timezone.now()
    for name, email, role, sector, area, hopes, days_ago in DEMO_REQUESTS:
        if User.objects.filter(email__iexact=email).exists():
            continue  # already loaded, and perhaps answered since: leave it as it is
        applicant = _account(email, name, None, active=False)
        JoinRequest.objects.create(
            user=applicant,
            **{
                "full_name": name,
                "email": email,
                "role": role,
                "sector": sectors[sector],
                "council_area": area,
                "hopes": hopes,
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
        f"{settings.DEMO_COORDINATOR_PASSWORD}. Demo members: {DEMO_MEMBERS[0][1]} and others, "
        f"password {settings.DEMO_MEMBER_PASSWORD}."
    )


def accounts():
    """The demo sign-ins, for `manage.py show_demo_accounts` at the end of `make run`."""
    return [
        ("Coordinator", "coordinator@example.org", settings.DEMO_COORDINATOR_PASSWORD),
        *[("Member", email, settings.DEMO_MEMBER_PASSWORD) for _n, email, *_ in DEMO_MEMBERS],
    ]
