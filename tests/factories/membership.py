import base64
import hashlib
import hmac
import struct
import time

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from network_site.core.models import Sector
from network_site.core.roles import COORDINATOR, MEMBER, assign_role
from network_site.membership.models import JoinRequest, MemberProfile, User

PASSWORD = "a-long-test-passphrase-42"
# Test staff's authenticator app (tests/conftest.py gives every staff account one).
TEST_TOTP_SECRET = "TESTSTAFFAUTHENTICATORSECRET2345"


def authenticator_code(secret=TEST_TOTP_SECRET, *, steps_ahead=0):
    """The six digits an authenticator app with this secret shows now (or `steps_ahead` periods of
    30 seconds later: a code works once, and the site accepts the next period's for clock drift)."""
    counter = int(time.time()) // 30 + steps_ahead
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        self.save()
        if create:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


class MemberFactory(UserFactory):
    @factory.post_generation
    def membership(self, create, extracted, **kwargs):
        if create:
            assign_role(self, MEMBER)


def make_staff(role, **fields):
    """An active account with one role from the roles table, e.g. `make_staff(EDITOR)`."""
    user = UserFactory(**fields)
    assign_role(user, role)
    return user


class CoordinatorFactory(UserFactory):
    @factory.post_generation
    def coordinator_group(self, create, extracted, **kwargs):
        if create:
            assign_role(self, COORDINATOR)


class SectorBySlug:
    """Lets a test give a member's or applicant's sector by its slug: `sector="health"`."""

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("sector"), str):
            kwargs["sector"] = Sector.objects.get(slug=kwargs["sector"])
        return kwargs


class MemberProfileFactory(SectorBySlug, factory.django.DjangoModelFactory):
    user = factory.SubFactory(MemberFactory)
    role = "Support worker"
    sector = "housing"
    council_area = "fife"
    listed_in_directory = True

    class Meta:
        model = MemberProfile


class JoinRequestFactory(SectorBySlug, factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory, is_active=False)
    full_name = factory.LazyAttribute(lambda request: request.user.first_name)
    email = factory.LazyAttribute(lambda request: request.user.email)
    role = "Link worker"
    sector = "third-sector"
    council_area = "angus"
    hopes = "To learn from other people's practice."
    privacy_notice_version = "2026-11"
    status = JoinRequest.Status.PENDING
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = JoinRequest


def join_form_data(**overrides):
    data = {
        "full_name": "Rona Macleod",
        "email": "rona.macleod@example.org",
        "organisation": "Highland Carers Centre",
        "role": "Carer support worker",
        "sector": "third-sector",
        "council_area": "highland",
        "hopes": "Ideas for good conversations with carers.",
        "heard_from": "A colleague",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "agree_privacy": "on",
        "wants_directory_listing": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# The demo staff's authenticator app, on the served sites of the browser and production tests.
DEMO_TOTP_SECRET = "NETWORKDEMOSTAFFTOTPSECRETKEY234"  # network_site/settings/base.py's default
codes_given = set()


def unused_demo_code(email):
    """A code the demo app shows now that this account has not used yet in this test run (each
    works once; the site takes the period before or after too), waiting for the next period when
    all three are used."""
    while True:
        period = int(time.time()) // 30
        for step in (0, 1, -1):
            if (email, period + step) not in codes_given:
                codes_given.add((email, period + step))
                return authenticator_code(DEMO_TOTP_SECRET, steps_ahead=step)
        time.sleep(30 - time.time() % 30 + 0.1)
