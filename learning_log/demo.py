"""A demo member with a learning log: Ishbel Munro (her words in `demo_content/`). No browser test
of another feature signs in as her, so tests of the log may change her entries freely."""

from datetime import timedelta
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from network_site.core.demo_data import read_records
from network_site.core.roles import MEMBER, assign_role
from network_site.membership.models import MemberProfile, User

from .models import Entry

DEMO_CONTENT = Path(__file__).parent / "demo_content"
LEARNING_LOG = DEMO_CONTENT / "learning-log.yaml"
ENTRY_FIELDS = {"days_ago", "reflection"}
DEMO_MEMBER_EMAIL = "ishbel.munro@example.org"
DEMO_MEMBER_NAME = "Ishbel Munro"


def ensure_demo_member():
    user = User.objects.filter(email__iexact=DEMO_MEMBER_EMAIL).first()
    if user is None:
        user = User(username=DEMO_MEMBER_EMAIL.split("@")[0], email=DEMO_MEMBER_EMAIL)
        user.first_name = DEMO_MEMBER_NAME
        user.set_password(settings.DEMO_MEMBER_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_MEMBER_EMAIL, defaults={"verified": True, "primary": True}
    )
    assign_role(user, MEMBER)
    MemberProfile.objects.get_or_create(
        user=user, defaults={"role": "Support worker", "listed_in_directory": False}
    )
    return user


def load(context):
    member = ensure_demo_member()
    records = read_records(LEARNING_LOG, ENTRY_FIELDS)
    if Entry.objects.filter(owner=member).exists():
        # Loaded before, and perhaps changed since by someone trying the log: leave it.
        context["stdout"].write(f"Learning log: {DEMO_MEMBER_EMAIL} already has one")
        return
    today = timezone.localdate()
    for record in records:
        # Loaded with `--app learning_log` alone, the prompting pages are not there: the
        # entries are then free-standing.
        prompt = Page.objects.live().filter(slug=record.get("prompt") or None).first()
        Entry.objects.create(
            owner=member,
            written_on=today - timedelta(days=record["days_ago"]),
            prompt_page=prompt,
            prompt_title=prompt.title if prompt else "",
            prompt_url=prompt.url if prompt else "",
            themes=record.get("themes", []),
            reflection=record["reflection"].strip(),
            will_try=record.get("will_try", "").strip(),
        )
    context["stdout"].write(
        f"Learning log: {len(records)} reflections for {DEMO_MEMBER_EMAIL} "
        f"(password {settings.DEMO_MEMBER_PASSWORD})"
    )


def accounts():
    # The role column is 14 characters wide.
    return [("Member (log)", DEMO_MEMBER_EMAIL, settings.DEMO_MEMBER_PASSWORD)]
