"""Bad input never breaks anything: no 5xx for any public form, query-string filter or API
parameter, whatever is sent (property-based, with hypothesis), and never a half-saved record."""

from base64 import b64encode
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from events.models import Booking
from network_site.membership.forms import ProfileForm
from network_site.membership.models import ConsentRecord, JoinRequest, MemberProfile, User
from stories.models import StoryPage
from tests.conftest import module_database
from tests.factories.core import make_home_page
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.mapping import MappingEntryPageFactory, MappingGuidePageFactory
from tests.factories.membership import MemberFactory, MemberProfileFactory, join_form_data
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
    return {
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
    for user in User.objects.all():
        assert JoinRequest.objects.filter(user=user).exists()
        assert ConsentRecord.objects.filter(user=user, purpose="privacy_notice").exists()
    assert JoinRequest.objects.count() == User.objects.count()


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
