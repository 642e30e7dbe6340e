"""Bad input never breaks anything: no 5xx for any public form, query-string filter or API
parameter, whatever is sent (property-based, with hypothesis), and never a half-saved record."""

from base64 import b64encode
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Revision
from wagtail_factories import ImageFactory

from events.models import Booking
from network_site.core.roles import COORDINATOR
from network_site.membership.forms import ProfileForm
from network_site.membership.models import (
    ConsentRecord,
    JoinRequest,
    MemberProfile,
    MemberStatusChange,
    User,
)
from stories.models import StoryPage
from stories.workflow import story_status
from tests.conftest import module_database
from tests.factories.core import make_home_page
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.mapping import MappingEntryPageFactory, MappingGuidePageFactory
from tests.factories.membership import (
    MemberFactory,
    MemberProfileFactory,
    join_form_data,
    make_staff,
)
from tests.factories.resources import (
    CarersActGuidePageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    SelfCheckPageFactory,
)
from tests.factories.stories import StoryPageFactory, make_story_index, story_form_data

pytestmark = pytest.mark.django_db

# Values an attacker (or a confused browser) sends: SQL and full-text-search syntax, NUL bytes and
# control characters, numbers far beyond any integer column, path tricks, huge strings.
NASTY = [
    "",
    "\x00",
    "a\x00b",
    "\x1b[2J",
    "\r\nSet-Cookie: x=1",
    "' OR 1=1 --",
    '"',
    'carers" OR "1',
    "NEAR(a b)",
    "a AND OR NOT",
    "*",
    "(((",
    "-",
    "^",
    "carers:*",
    "title:carers",
    "-1",
    "0",
    "1e309",
    "NaN",
    "9" * 30,
    str(2**63),
    str(-(2**63) - 1),
    "../../etc/passwd",
    "%00",
    "%",
    "\u202e\u0000\ud7ff",
    "<script>alert(1)</script>",
    "x" * 5000,
]
hostile_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=60))
hostile_params = st.dictionaries(
    st.sampled_from(
        [
            "q",
            "page",
            "theme",
            "sector",
            "perspective",
            "area",
            "type",
            "audience",
            "topic",
            "kind",
            "example_sector",
            "entry",
            "question_1",
            "question_2",
            "offset",
            "limit",
            "search",
            "search_operator",
            "order",
            "fields",
            "child_of",
            "descendant_of",
            "id",
            "html_path",
            "locale",
            "tags",
            "collection_id",
            "translation_of",
        ]
    ),
    st.one_of(hostile_text, st.lists(hostile_text, max_size=3)),
    max_size=5,
)
PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def clean(value):
    # The test client (like a browser) cannot put a lone surrogate into a URL.
    if isinstance(value, list):
        return [clean(item) for item in value]
    return value.encode("utf-8", "replace").decode("utf-8")


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A page of each type the hostile requests reach, built once for the module (each test still
    runs in its own savepoint; a property's examples share the test's)."""
    with module_database(django_db_blocker):
        yield build_site(make_home_page())


def build_site(home_page):
    stories = make_story_index(home_page)
    story = StoryPageFactory(parent=stories, themes=["Carers"])
    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=library)
    guide = CarersActGuidePageFactory(parent=home_page)
    self_check = SelfCheckPageFactory(parent=guide)
    mapping = MappingGuidePageFactory(parent=home_page)
    MappingEntryPageFactory(parent=mapping)
    meetings = MeetingIndexPageFactory(parent=home_page)
    meeting = MeetingPageFactory(parent=meetings, starts_at=timezone.now() + timedelta(days=20))
    teller = MemberFactory()
    drafts = [
        StoryPageFactory(parent=stories, owner=teller, published=False, live=False)
        for _ in range(2)
    ]
    # One draft in each state the form meets: with an image and its description, and without.
    drafts[0].image = ImageFactory(file=get_test_image_file(), uploaded_by_user=teller)
    drafts[0].image_alt_text = "A kitchen table"
    for draft in drafts:
        draft.save_revision(user=teller)
    return {
        "teller": teller,
        "drafts": drafts,
        "get": [
            "/search/",
            stories.url,
            stories.url + "theme/carers/",
            stories.url + "feed/",
            library.url,
            self_check.url,
            mapping.url,
            mapping.url + "compare/",
            mapping.url + "matrix/",
            mapping.url + "export/csv/",
            mapping.url + "export/json/",
            meetings.url,
            meetings.url + "calendar/",
            "/api/v2/pages/",
            "/api/v2/pages/find/",
            "/api/v2/documents/",
            "/api/v2/images/",
        ],
        "stories": stories,
        "story": story,
        "meeting": meeting,
    }


@given(params=hostile_params)
@PROPERTY
def test_no_query_string_breaks_a_public_listing_filter_or_the_api(client, site, params):
    params = {name: clean(value) for name, value in params.items()}
    for url in site["get"]:
        response = client.get(url, params)
        assert response.status_code < 500, (url, params)


# The API takes no credentials: whatever an Authorization header says, it is never checked.
hostile_authorization = st.one_of(
    st.sampled_from(
        [
            "Basic",
            "Basic !!!",
            "Basic " + b64encode(b"member@example.org:guess").decode(),
            "Basic " + b64encode(b"\x00:\xff").decode(),
            "Basic " + "A" * 5000,
            "Bearer x",
            "Token abc",
            "Digest username=x",
        ]
    ),
    st.text(max_size=60),
)


@given(authorization=hostile_authorization)
@PROPERTY
def test_no_authorization_header_breaks_or_changes_the_api(client, site, authorization):
    for url in [url for url in site["get"] if url.startswith("/api/")]:
        plain = client.get(url)
        response = client.get(url, headers={"authorization": clean(authorization)})
        assert response.status_code == plain.status_code, (url, authorization)
        assert response.content == plain.content


@given(params=hostile_params)
@PROPERTY
def test_no_query_string_breaks_the_members_directory_or_pages(client, site, params):
    client.force_login(MemberFactory())
    params = {name: clean(value) for name, value in params.items()}
    for url in ("/members/", site["stories"].url, site["stories"].url + "mine/"):
        assert client.get(url, params).status_code < 500, (url, params)


# Integers past every column's range, in the URL's own path.
HUGE = str(2**70)


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v2/pages/{HUGE}/",
        f"/api/v2/documents/{HUGE}/",
        f"/api/v2/images/{HUGE}/",
        f"/api/v2/pages/?child_of={HUGE}",
        f"/api/v2/pages/?id={HUGE}",
        f"/api/v2/pages/?offset={HUGE}",
        f"/api/v2/pages/?limit={HUGE}",
        "/api/v2/pages/?offset=-1",
        f"/documents/{HUGE}/x.pdf",
        f"/stories/mine/{HUGE}/edit/",
        f"/stories/mine/{HUGE}/withdraw/",
        f"/search/?q=carers&page={HUGE}",
        f"/stories/?page={HUGE}",
        f"/mapping-guide/?page={HUGE}",
        f"/admin/events/meetings/{HUGE}/bookings/",
        f"/admin/joinrequest/inspect/{HUGE}/",
        f"/_util/authenticate_with_password/{HUGE}/{HUGE}/",
    ],
)
def test_integer_overflow_in_a_url_is_never_an_error(admin_client, site, url):
    assert admin_client.get(url).status_code < 500


@given(
    overrides=st.dictionaries(
        st.sampled_from(
            ["full_name", "email", "organisation", "role", "sector", "council_area", "hopes"]
            + ["heard_from", "password1", "password2", "agree_privacy", "website"]
        ),
        hostile_text,
        max_size=4,
    )
)
@PROPERTY
def test_the_join_form_never_breaks_and_never_half_saves(client, site, overrides, settings):
    settings.ACCOUNT_RATE_LIMITS = {}
    data = join_form_data(**{name: clean(value) for name, value in overrides.items()})
    response = client.post("/join/", data)
    assert response.status_code in (200, 302, 400, 429)
    # Every account made has its request and consent; nothing exists without the rest.
    applicants = User.objects.exclude(pk=site["teller"].pk)  # the only account the site has
    for user in applicants:
        assert JoinRequest.objects.filter(user=user).exists()
        assert ConsentRecord.objects.filter(user=user, purpose="privacy_notice").exists()
    assert JoinRequest.objects.count() == applicants.count()


@given(
    overrides=st.dictionaries(
        st.sampled_from(
            ["title", "summary", "what_mattered", "perspective", "council_area", "themes"]
            + ["other_themes", "credit", "credit_name", "audience", "action", "sectors"]
        ),
        hostile_text,
        max_size=4,
    )
)
@PROPERTY
def test_the_story_form_never_breaks_and_never_half_saves(client, site, overrides):
    client.force_login(MemberFactory())
    data = story_form_data(**{name: clean(value) for name, value in overrides.items()})
    response = client.post(site["stories"].url + "share/", data)
    assert response.status_code < 500
    for story in StoryPage.objects.exclude(pk=site["story"].pk):
        assert story.latest_revision_id is not None
        assert story.owner_id is not None


@given(
    overrides=st.dictionaries(
        st.sampled_from(
            ["title", "summary", "image_alt_text", "credit", "credit_name", "audience", "action"]
            + ["consent_confirmed", "details_checked", "kept_image", "sectors", "perspective"]
        ),
        hostile_text,
        max_size=4,
    )
)
@PROPERTY
def test_editing_a_draft_in_any_state_never_breaks_and_never_half_saves(client, site, overrides):
    """A draft with an image and one without: the story model's own checks (a described image)
    run as the revision is saved, and must come back as form errors, never a 500."""
    client.force_login(site["teller"])
    data = story_form_data(
        **{"action": "save", **{name: clean(value) for name, value in overrides.items()}}
    )
    for draft in site["drafts"]:
        # Once an example has submitted it, the draft is in moderation and cannot be edited.
        editable = story_status(StoryPage.objects.get(pk=draft.pk)).can_edit
        revisions = Revision.objects.filter(object_id=str(draft.pk)).count()
        response = client.post(site["stories"].url + f"mine/{draft.pk}/edit/", data)
        assert response.status_code < 500, data
        saved = Revision.objects.filter(object_id=str(draft.pk)).count() - revisions
        assert saved == (1 if editable and response.status_code == 302 else 0), data
        latest = StoryPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
        assert not latest.image_id or latest.image_alt_text.strip()


@given(
    data=st.dictionaries(
        st.sampled_from(["access_needs", "access_needs_details"]),
        st.one_of(hostile_text, st.lists(hostile_text, max_size=3)),
        max_size=2,
    )
)
@PROPERTY
def test_booking_never_breaks_and_never_half_saves(client, site, data):
    member = MemberFactory()
    client.force_login(member)
    data = {name: clean(value) for name, value in data.items()}
    response = client.post(site["meeting"].url + "book/", data)
    assert response.status_code < 500
    booked = Booking.objects.filter(member=member)
    assert booked.count() <= 1
    assert Page.objects.filter(pk=site["meeting"].pk).exists()


# The fields the profile form edits: a refused form must leave every one as it was.
PROFILE_FIELDS = ProfileForm._meta.fields


def saved_profile(user):
    """What the profile form may change: the member's name, profile and consent records."""
    user.refresh_from_db()
    profile = MemberProfile.objects.get(user=user)
    return (
        user.first_name,
        user.last_name,
        {name: getattr(profile, name) for name in PROFILE_FIELDS if name != "full_name"},
        list(ConsentRecord.objects.filter(user=user).values_list("purpose", "withdrawn_at")),
    )


@given(
    overrides=st.dictionaries(
        st.sampled_from(PROFILE_FIELDS),
        st.one_of(hostile_text, st.lists(hostile_text, max_size=2)),
        max_size=4,
    )
)
@PROPERTY
def test_the_profile_form_never_breaks_and_never_half_saves(client, site, overrides):
    profile = MemberProfileFactory(user=MemberFactory(first_name="Fiona Stewart"))
    client.force_login(profile.user)
    data = {
        "full_name": "Fiona Stewart",
        "role": "Social worker",
        "sector": "social-care",
        "digest_frequency": "none",
        **{name: clean(value) for name, value in overrides.items()},
    }
    before = saved_profile(profile.user)
    response = client.post("/account/", data)
    assert response.status_code in (302, 400), data
    if response.status_code == 400:
        assert saved_profile(profile.user) == before


@given(message=st.one_of(hostile_text, st.lists(hostile_text, max_size=3)))
@PROPERTY
def test_the_member_contact_form_never_breaks_and_stores_nothing(client, site, message):
    sender = MemberProfileFactory(user=MemberFactory())
    recipient = MemberProfileFactory(user=MemberFactory(), accepts_contact=True)
    client.force_login(sender.user)
    sent_before = len(mail.outbox)
    response = client.post(f"/members/{recipient.pk}/contact/", {"message": clean(message)})
    assert response.status_code in (200, 302, 400, 429)  # an empty POST is a GET
    assert len(mail.outbox) - sent_before == (1 if response.status_code == 302 else 0)
    for email in mail.outbox[sent_before:]:
        assert "\n" not in email.subject and "\r" not in email.subject


@given(password=hostile_text)
@PROPERTY
def test_deleting_an_account_never_breaks_and_needs_the_password(client, site, password):
    member = MemberFactory()
    member.set_password("the-right-password-42")
    member.save()
    client.force_login(member)
    response = client.post("/account/delete/", {"password": clean(password)})
    assert response.status_code < 500
    assert User.objects.filter(pk=member.pk, is_active=True).exists()


@given(email=st.one_of(hostile_text, st.lists(hostile_text, max_size=2)), action=hostile_text)
@PROPERTY
def test_the_change_of_address_form_never_breaks_and_changes_nothing_at_once(
    client, site, email, action, settings
):
    settings.ACCOUNT_RATE_LIMITS = {}
    member = MemberFactory()
    client.force_login(member)
    response = client.post("/accounts/email/", {"email": clean(email), clean(action): ""})
    assert response.status_code < 500
    member.refresh_from_db()
    assert EmailAddress.objects.get(user=member, primary=True).email == member.email


@given(reason=st.one_of(hostile_text, st.lists(hostile_text, max_size=2)))
@PROPERTY
def test_the_member_status_form_never_breaks_and_never_half_saves(client, site, reason):
    client.force_login(make_staff(COORDINATOR))
    profile = MemberProfileFactory(user=MemberFactory())
    response = client.post(f"/admin/memberprofile/status/{profile.pk}/", {"reason": clean(reason)})
    assert response.status_code in (200, 302, 400)  # an empty POST is a GET
    profile.user.refresh_from_db()
    changes = MemberStatusChange.objects.filter(user=profile.user)
    # Deactivated with its reason recorded, or nothing at all.
    assert profile.user.is_active == (response.status_code != 302)
    assert changes.count() == (1 if response.status_code == 302 else 0)


@given(code=hostile_text)
@PROPERTY
def test_the_second_step_never_breaks_and_never_signs_in_on_a_wrong_code(client, site, code):
    from network_site.core.roles import EDITOR
    from tests.factories.membership import PASSWORD, make_staff

    editor = make_staff(EDITOR)  # with an authenticator app (tests/conftest.py)
    client.post("/accounts/login/", {"login": editor.email, "password": PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": clean(code)})
    assert response.status_code < 500
    assert "_auth_user_id" not in client.session


@given(code=hostile_text)
@PROPERTY
def test_setting_up_an_authenticator_app_never_breaks_and_never_half_saves(client, site, code):
    from allauth.mfa.models import Authenticator

    from tests.factories.membership import PASSWORD

    member = MemberFactory()
    client.force_login(member)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.get("/accounts/2fa/totp/activate/")
    response = client.post("/accounts/2fa/totp/activate/", {"code": clean(code)})
    assert response.status_code < 500
    assert not Authenticator.objects.filter(user=member).exists()


@given(address=hostile_text)
@PROPERTY
def test_the_change_email_form_never_breaks(client, site, address):
    member = MemberFactory()
    client.force_login(member)
    response = client.post("/accounts/email/", {"email": clean(address), "action_add": ""})
    assert response.status_code < 500
    member.refresh_from_db()
    assert member.emailaddress_set.filter(verified=True).count() == 1
