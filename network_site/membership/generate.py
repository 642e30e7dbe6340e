"""Generated members for measuring the site at network scale (`manage.py generate_network`).

Names are put together from the invented lists below. Generated accounts cannot sign in (no usable
password): they exist to own stories and book meetings.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from network_site.core.bulk import Progress
from network_site.core.models import Sector
from network_site.core.roles import MEMBER

from .choices import SCOTTISH_COUNCIL_AREAS
from .models import MemberProfile

FIRST_NAMES = [
    "Ailsa",
    "Callum",
    "Eilidh",
    "Fraser",
    "Iona",
    "Jamie",
    "Kirsty",
    "Lewis",
    "Mhairi",
    "Niall",
    "Rhona",
    "Struan",
]
LAST_NAMES = [
    "Baird",
    "Cowan",
    "Drummond",
    "Erskine",
    "Fyfe",
    "Gillespie",
    "Haig",
    "Imrie",
    "Kerr",
    "Laing",
    "Munro",
    "Rennie",
]
ROLES = [
    "Support worker",
    "Social worker",
    "Occupational therapist",
    "Housing officer",
    "Team leader",
    "Carer centre worker",
    "Community nurse",
    "Link worker",
]
BATCH_SIZE = 500


def generate(context, count):
    rng, stdout = context["rng"], context["stdout"]
    user_model = get_user_model()
    first = user_model.objects.filter(username__startswith="network-member-").count()
    unusable = make_password(None)
    members_group, _ = Group.objects.get_or_create(name=MEMBER.group)
    sectors = list(Sector.objects.all())
    progress = Progress(stdout, "Members", count)
    for start in range(0, count, BATCH_SIZE):
        users = []
        for number in range(first + start, first + min(start + BATCH_SIZE, count)):
            users.append(
                user_model(
                    username=f"network-member-{number}",
                    email=f"network-member-{number}@example.org",
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    password=unusable,
                    is_active=True,
                )
            )
        users = user_model.objects.bulk_create(users)
        user_model.groups.through.objects.bulk_create(
            [
                user_model.groups.through(user_id=user.pk, group_id=members_group.pk)
                for user in users
            ]
        )
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user=user, email=user.email, verified=True, primary=True)
                for user in users
            ]
        )
        MemberProfile.objects.bulk_create(
            [
                MemberProfile(
                    user=user,
                    role=rng.choice(ROLES),
                    sector=rng.choice(sectors),
                    council_area=rng.choice(SCOTTISH_COUNCIL_AREAS)[0],
                    bio="Works alongside people and carers to plan support around what matters to them.",
                    listed_in_directory=rng.random() < 0.3,
                )
                for user in users
            ]
        )
        context["member_ids"] += [user.pk for user in users]
        progress.advance(len(users))
    stdout.write(f"Members: {count} added")
