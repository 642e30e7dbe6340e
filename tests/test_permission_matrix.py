"""The permission matrix: every URL the site routes, asked by every role, with the answer expected.

`CASES` holds one or more rows per routed URL pattern (Django's URL patterns, the Wagtail admin
views our apps register, every page type and every routable sub-page). A new URL pattern without a
row fails `test_every_routed_url_has_a_row`: add its row, with what each role should get.

An expected answer is a status code, or LOGIN: a redirect to the site's sign-in page (or to the
admin's, which sends visitors on to it and tells signed-in non-staff they have no access), or
REAUTHENTICATE: a redirect to confirm who you are again (changes to two-step sign-in).
"""

from base64 import b64encode
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, get_page_models
from wagtail_factories import ImageFactory

from learning_log.models import Entry
from network_site.core.models import Sector
from network_site.core.operations import PATHS_ANSWERED_BEFORE_ROUTING
from network_site.core.roles import ADMINISTRATOR, COORDINATOR, EDITOR, MODERATOR
from network_site.membership.models import JoinRequest, MemberProfile
from tests.conftest import module_database
from tests.factories.accessibility import AccessibilityStatementPageFactory
from tests.factories.core import StandardPageFactory, make_home_page
from tests.factories.easy_read import EasyReadIndexPageFactory, EasyReadPageFactory
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.mapping import MappingEntryPageFactory, MappingGuidePageFactory
from tests.factories.membership import (
    PASSWORD,
    JoinRequestFactory,
    MemberFactory,
    make_staff,
)
from tests.factories.practice_map import PracticeMapPageFactory, make_outcome_area
from tests.factories.resources import (
    BookletChapterPageFactory,
    BookletPageFactory,
    CarersActGuidePageFactory,
    CarersActSectionPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    SelfCheckPageFactory,
)
from tests.factories.stories import StoryPageFactory, make_story_index

pytestmark = pytest.mark.django_db

LOGIN = "login"
# A redirect to enter the password (or the second step) again before a change to sign-in itself.
REAUTHENTICATE = "reauthenticate"
ROLES = (
    "visitor",
    "unconfirmed",
    "pending",
    "declined",
    "member",
    "other_member",
    "moderator",
    "coordinator",
    "editor",
    "administrator",
)
SIGNED_OUT = ("visitor", "unconfirmed", "pending", "declined")
MEMBERS = ("member", "other_member")
STAFF = ("moderator", "coordinator", "editor")


def everyone(answer):
    return dict.fromkeys(ROLES, answer)


def answers(default, **by_role):
    """`default` for every role, except those named (a tuple of roles can share one answer)."""
    table = everyone(default)
    for roles, answer in by_role.items():
        table[roles] = answer
    return table


def for_members(members=200, staff=403, signed_out=LOGIN, administrator=None):
    """Members' pages: visitors sign in; staff without the member role are refused."""
    table = dict.fromkeys(SIGNED_OUT, signed_out)
    table.update(dict.fromkeys(MEMBERS, members))
    table.update(dict.fromkeys(STAFF, staff))
    table["administrator"] = members if administrator is None else administrator
    return table


def for_admin(allowed, *, signed_out=LOGIN, members=LOGIN, refused=403):
    """An admin view: `allowed` roles get 200, other staff `refused`."""
    table = dict.fromkeys(SIGNED_OUT, signed_out)
    table.update(dict.fromkeys(MEMBERS, members))
    for role in STAFF + ("administrator",):
        table[role] = 200 if role in allowed else refused
    return table


def for_own_second_factor(*, with_factor, without):
    """Two-step sign-in pages: staff (who have a factor here), members (who have none)."""
    table = dict.fromkeys(SIGNED_OUT, LOGIN)
    table.update(dict.fromkeys(MEMBERS, without))
    table.update(dict.fromkeys(STAFF + ("administrator",), with_factor))
    return table


@dataclass
class Case:
    key: str  # the URL pattern, "page:<app.Model>" or "page:<app.Model>:<sub-route>"
    url: str  # a format string filled from the site's objects
    expect: dict = field(default_factory=dict)
    method: str = "get"
    headers: dict = field(default_factory=dict)


# HTTP Basic credentials: the member's own, and a guess at their password.
MEMBERS_BASIC_AUTH = {
    "authorization": "Basic " + b64encode(b"member@example.org:" + PASSWORD.encode()).decode()
}
GUESSED_BASIC_AUTH = {"authorization": "Basic " + b64encode(b"member@example.org:guess").decode()}


CASES = [
    # Pages of every type, and their routable sub-pages.
    Case("^((?:[\\w\\-]+/)*)$", "/", everyone(200)),
    Case("page:core.HomePage", "/", everyone(200)),
    Case("page:core.StandardPage", "{standard_page}", everyone(200)),
    Case("page:stories.StoryIndexPage", "{stories}", everyone(200)),
    Case(
        "page:stories.StoryIndexPage:theme/<slug:theme_slug>/",
        "{stories}theme/carers/",
        everyone(200),
    ),
    Case(
        "page:stories.StoryIndexPage:theme/<slug:theme_slug>/",
        "{stories}theme/drafts-only/",
        everyone(404),
    ),
    Case("page:stories.StoryIndexPage:feed/", "{stories}feed/", everyone(200)),
    Case("page:stories.StoryIndexPage:share/", "{stories}share/", for_members()),
    Case("page:stories.StoryIndexPage:mine/", "{stories}mine/", for_members()),
    Case(
        "page:stories.StoryIndexPage:mine/<int:story_id>/edit/",
        "{stories}mine/{draft_story_id}/edit/",
        for_members() | {"other_member": 404, "administrator": 404},
    ),
    Case(
        "page:stories.StoryIndexPage:mine/<int:story_id>/withdraw/",
        "{stories}mine/{draft_story_id}/withdraw/",
        for_members(members=404, administrator=404),
    ),
    Case("page:stories.StoryPage", "{public_story}", everyone(200)),
    Case(
        "page:stories.StoryPage",
        "{members_story}",
        answers(LOGIN, member=200, other_member=200, moderator=200, administrator=200),
    ),
    Case("page:stories.StoryPage", "{draft_story}", everyone(404)),
    Case(
        "page:stories.MembersStoriesPage",
        "{stories}members/",
        answers(LOGIN, member=302, other_member=302, moderator=302, administrator=302),
    ),
    Case("page:stories.StoryPage:helped/", "{public_story}helped/", everyone(302)),
    Case("page:events.MeetingIndexPage", "{meetings}", everyone(200)),
    Case("page:events.MeetingIndexPage:calendar/", "{meetings}calendar/", everyone(200)),
    Case("page:events.MeetingPage", "{meeting}", everyone(200)),
    Case("page:events.MeetingPage:book/", "{meeting}book/", everyone(405)),
    Case("page:events.MeetingPage:cancel/", "{meeting}cancel/", for_members(members=302)),
    Case("page:events.MeetingPage:calendar/", "{meeting}calendar/", everyone(200)),
    Case("page:resources.ResourceIndexPage", "{library}", everyone(200)),
    Case("page:resources.ResourcePage", "{resource}", everyone(200)),
    Case("page:resources.BookletPage", "{booklet}", everyone(200)),
    Case("page:resources.BookletPage:print/", "{booklet}print/", everyone(200)),
    Case("page:resources.BookletPage:pdf/", "{booklet}pdf/", everyone(200)),
    Case("page:resources.BookletChapterPage", "{chapter}", everyone(200)),
    Case("page:resources.CarersActGuidePage", "{guide}", everyone(200)),
    Case("page:resources.CarersActSectionPage", "{section}", everyone(200)),
    Case("page:resources.SelfCheckPage", "{self_check}", everyone(200)),
    Case("page:mapping.MappingGuidePage", "{mapping}", everyone(200)),
    Case("page:mapping.MappingGuidePage:compare/", "{mapping}compare/", everyone(200)),
    Case("page:mapping.MappingGuidePage:matrix/", "{mapping}matrix/", everyone(200)),
    Case("page:mapping.MappingGuidePage:export/csv/", "{mapping}export/csv/", everyone(200)),
    Case("page:mapping.MappingGuidePage:export/json/", "{mapping}export/json/", everyone(200)),
    Case("page:mapping.MappingEntryPage", "{mapping_entry}", everyone(200)),
    # Joining, and members' own pages.
    Case(
        "join/", "/join/", answers(200, **dict.fromkeys(MEMBERS + STAFF + ("administrator",), 302))
    ),
    Case("join/check-your-email/", "/join/check-your-email/", everyone(200)),
    Case("join/received/", "/join/received/", everyone(200)),
    Case("account/", "/account/", for_members()),
    # Everyone with an account has their data page and download, staff who are not members too.
    Case("account/data/", "/account/data/", for_members(staff=200)),
    Case("account/data/download/", "/account/data/download/", for_members(members=405, staff=405)),
    Case(
        "account/data/download/",
        "/account/data/download/",
        for_members(members=200, staff=200),
        method="post",
    ),
    Case("account/delete/", "/account/delete/", for_members()),
    Case("account/home/", "/account/home/", for_members()),
    Case(
        "members/<int:profile_id>/contact/",
        "/members/{member_profile_id}/contact/",
        for_members(members=404),
    ),
    Case("email/unsubscribe/<str:token>/", "/email/unsubscribe/not-a-token/", everyone(404)),
    Case(
        "admin/joinrequest/answer-several/",
        "/admin/joinrequest/answer-several/",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case(
        "admin/memberprofile/",
        "/admin/memberprofile/",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case(
        "admin/memberprofile/results/",
        "/admin/memberprofile/results/",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case(
        "admin/memberprofile/export.csv",
        "/admin/memberprofile/export.csv",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case(
        "admin/memberprofile/inspect/<int:pk>/",
        "/admin/memberprofile/inspect/{member_profile_id}/",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case(
        "admin/memberprofile/status/<int:pk>/",
        "/admin/memberprofile/status/{member_profile_id}/",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case("page:events.MeetingPage:accept/", "{meeting}accept/", everyone(405)),
    Case("account/deleted/", "/account/deleted/", everyone(200)),
    Case("members/", "/members/", for_members()),
    # Every sign-in page leads to allauth's.
    Case("accounts/signup/", "/accounts/signup/", everyone(302)),
    Case("_util/login/", "/_util/login/", everyone(302)),
    Case(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        "/_util/authenticate_with_password/{members_story_restriction}/{members_story_id}/",
        everyone(404),
    ),
    Case("accounts/login/", "/accounts/login/", answers(302, **dict.fromkeys(SIGNED_OUT, 200))),
    Case("accounts/logout/", "/accounts/logout/", answers(200, **dict.fromkeys(SIGNED_OUT, 302))),
    Case("accounts/inactive/", "/accounts/inactive/", everyone(200)),
    Case(
        "accounts/reauthenticate/",
        "/accounts/reauthenticate/",
        answers(200, **dict.fromkeys(SIGNED_OUT, LOGIN)),
    ),
    Case(
        "accounts/reauthenticate/code/",
        "/accounts/reauthenticate/code/",
        answers(200, **dict.fromkeys(SIGNED_OUT, LOGIN)),
    ),
    Case(
        "accounts/reauthenticate/code/confirm/",
        "/accounts/reauthenticate/code/confirm/",
        answers(302, **dict.fromkeys(SIGNED_OUT, LOGIN)),
    ),
    Case("accounts/email/", "/accounts/email/", answers(200, **dict.fromkeys(SIGNED_OUT, LOGIN))),
    Case("accounts/confirm-email/", "/accounts/confirm-email/", everyone(200)),
    Case(
        "accounts/^confirm-email/(?P<key>[-:\\w]+)/$",
        "/accounts/confirm-email/not-a-key/",
        everyone(200),
    ),
    Case(
        "accounts/password/change/",
        "/accounts/password/change/",
        answers(200, **dict.fromkeys(SIGNED_OUT, LOGIN)),
    ),
    Case(
        "accounts/password/set/",
        "/accounts/password/set/",
        answers(302, **dict.fromkeys(SIGNED_OUT, LOGIN)),
    ),
    Case("accounts/password/reset/", "/accounts/password/reset/", everyone(200)),
    Case("accounts/password/reset/done/", "/accounts/password/reset/done/", everyone(200)),
    Case("accounts/password/reset/key/done/", "/accounts/password/reset/key/done/", everyone(200)),
    Case(
        "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        "/accounts/password/reset/key/1-not-a-key/",
        everyone(200),
    ),
    Case("accounts/login/code/confirm/", "/accounts/login/code/confirm/", everyone(302)),
    # Two-step sign-in (allauth's MFA): each signed-in person's own. Staff have an authenticator
    # app here (tests/conftest.py); members have none until they turn it on. Every change asks who
    # you are again first (a session made by force_login has no recent sign-in).
    Case("accounts/2fa/", "/accounts/2fa/", answers(200, **dict.fromkeys(SIGNED_OUT, LOGIN))),
    Case("accounts/2fa/authenticate/", "/accounts/2fa/authenticate/", everyone(302)),
    Case(
        "accounts/2fa/reauthenticate/",
        "/accounts/2fa/reauthenticate/",
        for_own_second_factor(with_factor=200, without=302),
    ),
    Case(
        "accounts/2fa/recovery-codes/",
        "/accounts/2fa/recovery-codes/",
        for_own_second_factor(with_factor=REAUTHENTICATE, without=404),
    ),
    Case(
        "accounts/2fa/recovery-codes/download/",
        "/accounts/2fa/recovery-codes/download/",
        for_own_second_factor(with_factor=REAUTHENTICATE, without=404),
    ),
    Case(
        "accounts/2fa/totp/deactivate/",
        "/accounts/2fa/totp/deactivate/",
        for_own_second_factor(with_factor=REAUTHENTICATE, without=404),
    ),
    Case(
        "accounts/2fa/webauthn/",
        "/accounts/2fa/webauthn/",
        answers(200, **dict.fromkeys(SIGNED_OUT, LOGIN)),
    ),
    Case(
        "accounts/2fa/webauthn/reauthenticate/",
        "/accounts/2fa/webauthn/reauthenticate/",
        for_own_second_factor(with_factor=302, without=302),  # no security key: elsewhere
    ),
]
CASES += [
    Case(key, key_url, for_own_second_factor(with_factor=REAUTHENTICATE, without=REAUTHENTICATE))
    for key, key_url in (
        ("accounts/2fa/recovery-codes/generate/", "/accounts/2fa/recovery-codes/generate/"),
        ("accounts/2fa/totp/activate/", "/accounts/2fa/totp/activate/"),
        ("accounts/2fa/webauthn/add/", "/accounts/2fa/webauthn/add/"),
        (
            "accounts/2fa/webauthn/keys/<int:pk>/edit/",
            "/accounts/2fa/webauthn/keys/{member_profile_id}/edit/",
        ),
        (
            "accounts/2fa/webauthn/keys/<int:pk>/remove/",
            "/accounts/2fa/webauthn/keys/{member_profile_id}/remove/",
        ),
    )
]
CASES += [
    # Search and the read-only API: the same public answers for everyone.
    Case("robots.txt", "/robots.txt", everyone(200)),
    # Answered by the first middleware, before routing: health only, nothing about anyone.
    Case("healthz", "/healthz", everyone(200)),
    Case("healthz/worker", "/healthz/worker", everyone(200)),
    Case("sitemap.xml", "/sitemap.xml", everyone(200)),
    Case("favicon.ico", "/favicon.ico", everyone(200)),
    Case("search/", "/search/?q=carers", everyone(200)),
    Case("api/v2/^pages/", "/api/v2/pages/", everyone(200)),
    Case("api/v2/^pages/<int:pk>/", "/api/v2/pages/{public_story_id}/", everyone(200)),
    Case("api/v2/^pages/<int:pk>/", "/api/v2/pages/{members_story_id}/", everyone(404)),
    Case("api/v2/^pages/<int:pk>/", "/api/v2/pages/{draft_story_id}/", everyone(404)),
    Case("api/v2/^pages/find/", "/api/v2/pages/find/?html_path={members_story}", everyone(404)),
    # The API takes no credentials: a member's own never open members-only content, and a wrong
    # password is not even checked (no 401 to tell a guess from a hit).
    Case(
        "api/v2/^pages/<int:pk>/",
        "/api/v2/pages/{members_story_id}/",
        everyone(404),
        headers=MEMBERS_BASIC_AUTH,
    ),
    Case("api/v2/^pages/", "/api/v2/pages/", everyone(200), headers=GUESSED_BASIC_AUTH),
    Case("api/v2/^documents/", "/api/v2/documents/", everyone(200), headers=GUESSED_BASIC_AUTH),
    Case(
        "api/v2/^documents/<int:pk>/",
        "/api/v2/documents/{private_document_id}/",
        everyone(404),
        headers=MEMBERS_BASIC_AUTH,
    ),
    Case("api/v2/^images/", "/api/v2/images/", everyone(200), headers=GUESSED_BASIC_AUTH),
    Case("api/v2/^documents/", "/api/v2/documents/", everyone(200)),
    Case("api/v2/^documents/<int:pk>/", "/api/v2/documents/{public_document_id}/", everyone(200)),
    Case("api/v2/^documents/<int:pk>/", "/api/v2/documents/{private_document_id}/", everyone(404)),
    Case(
        "api/v2/^documents/find/", "/api/v2/documents/find/?id={private_document_id}", everyone(404)
    ),
    Case("api/v2/^images/", "/api/v2/images/", everyone(200)),
    Case("api/v2/^images/<int:pk>/", "/api/v2/images/{public_image_id}/", everyone(200)),
    Case("api/v2/^images/<int:pk>/", "/api/v2/images/{private_image_id}/", everyone(404)),
    Case("api/v2/^images/find/", "/api/v2/images/find/?id={private_image_id}", everyone(404)),
    # Documents only through Wagtail's view; from the media folder, image renditions only.
    Case("documents/^(\\d+)/(.*)$", "{public_document_url}", everyone(200)),
    Case(
        "documents/^(\\d+)/(.*)$",
        "{private_document_url}",
        answers(200, **dict.fromkeys(SIGNED_OUT, LOGIN)),
    ),
    Case(
        "documents/authenticate_with_password/<int:restriction_id>/",
        "/documents/authenticate_with_password/{private_collection_restriction}/",
        everyone(404),
    ),
    Case("^media/(?P<path>.*)$", "{public_rendition_url}", everyone(200)),
    Case("^media/(?P<path>.*)$", "/media/{private_document_file}", everyone(404)),
    Case("^media/(?P<path>.*)$", "/media/{public_image_file}", everyone(404)),
    # The admin: its entry points, and the views our apps add to it.
    Case("admin/", "/admin/", for_admin(STAFF + ("administrator",))),
    Case(
        "admin/login/",
        "/admin/login/",
        answers(302, **dict.fromkeys(MEMBERS, 403)),
    ),
    Case(
        "admin/events/meetings/<int:meeting_id>/bookings/",
        "/admin/events/meetings/{meeting_id}/bookings/",
        for_admin(("editor", "administrator"), refused=302),
    ),
    Case(
        "admin/events/meetings/<int:meeting_id>/bookings.csv",
        "/admin/events/meetings/{meeting_id}/bookings.csv",
        for_admin(("editor", "administrator"), refused=302),
    ),
    Case(
        "admin/events/meetings/<int:meeting_id>/schedule-next/",
        "/admin/events/meetings/{meeting_id}/schedule-next/",
        for_admin(("editor", "administrator"), refused=302),
    ),
    Case(
        "admin/joinrequest/",
        "/admin/joinrequest/",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case(
        "admin/joinrequest/results/",
        "/admin/joinrequest/results/",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case(
        "admin/joinrequest/inspect/<int:pk>/",
        "/admin/joinrequest/inspect/{join_request_id}/",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case(
        "admin/joinrequest/decide/<int:pk>/",
        "/admin/joinrequest/decide/{join_request_id}/",
        for_admin((), refused=405),  # GET: its form is on the inspect page; POST only
    ),
    Case(
        "admin/pages/<int:page_id>/edit/",
        "/admin/pages/{meeting_id}/edit/",
        for_admin(("editor", "administrator"), refused=302),
    ),
    Case(
        "admin/mapping-guide/import/",
        "/admin/mapping-guide/import/",
        for_admin(("editor", "administrator"), refused=302),
    ),
    Case(
        "admin/mapping-guide/import/confirm/",
        "/admin/mapping-guide/import/confirm/",
        for_admin((), refused=405),
    ),
    # Our delete view for the shared sectors (it tells the editor when join requests name one).
    Case(
        "admin/snippets/core/sector/delete/<int:pk>/",
        "/admin/snippets/core/sector/delete/{sector_id}/",
        for_admin(("editor", "administrator"), refused=302),
    ),
    # The report is for those who edit pages; the menu shows it to them only.
    Case(
        "admin/reviews/",
        "/admin/reviews/",
        for_admin(("editor", "administrator"), refused=302),
    ),
    Case(
        "admin/reviews/<int:page_id>/reviewed/",
        "/admin/reviews/{meeting_id}/reviewed/",
        for_admin((), refused=405),
    ),
    Case(
        "admin/reviews/export.csv",
        "/admin/reviews/export.csv",
        for_admin(("editor", "administrator"), refused=302),
    ),
    # the impact report (page, words, exports) for coordinators; the resource view counter.
    Case(
        "admin/impact/", "/admin/impact/", for_admin(("coordinator", "administrator"), refused=302)
    ),
    Case(
        "admin/impact/",
        "/admin/impact/?start=2026-02-01&end=2026-01-01",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case(
        "admin/impact/words/",
        "/admin/impact/words/",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case(
        "admin/impact/words/",
        "/admin/impact/words/",
        for_admin((), refused=302) | {"coordinator": 302, "administrator": 302},
        method="post",
    ),
    Case(
        "admin/impact/report.zip",
        "/admin/impact/report.zip",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case(
        "admin/impact/report.pdf",
        "/admin/impact/report.pdf",
        for_admin(("coordinator", "administrator"), refused=302),
    ),
    Case("page:resources.ResourcePage:seen/", "{resource}seen/", everyone(200)),
    # following and notifications ("What I follow", follow buttons, news, email choices).
    Case("following/", "/following/", for_members()),
    Case("following/follow/", "/following/follow/", for_members(members=405)),
    Case("following/follow/", "/following/follow/", for_members(members=302), method="post"),
    Case("following/follow/theme/", "/following/follow/theme/", for_members(members=405)),
    Case(
        "following/follow/theme/",
        "/following/follow/theme/",
        for_members(members=400),
        method="post",
    ),
    Case("following/follow/sector/", "/following/follow/sector/", for_members(members=405)),
    Case(
        "following/follow/sector/",
        "/following/follow/sector/",
        for_members(members=400),
        method="post",
    ),
    Case(
        "following/<int:follow_id>/unfollow/",
        "/following/{follow_id}/unfollow/",
        for_members(members=405),
    ),
    # Only the member's own follow; another member's id is not found.
    Case(
        "following/<int:follow_id>/unfollow/",
        "/following/{follow_id}/unfollow/",
        for_members(members=302) | {"other_member": 404, "administrator": 404},
        method="post",
    ),
    Case(
        "following/news/<int:notification_id>/",
        "/following/news/{notification_id}/",
        for_members(members=302) | {"other_member": 404, "administrator": 404},
    ),
    Case("following/news/read/", "/following/news/read/", for_members(members=405)),
    Case("following/news/read/", "/following/news/read/", for_members(members=302), method="post"),
    Case("following/email/", "/following/email/", for_members()),
    Case("following/email/<str:token>/", "/following/email/not-a-token/", everyone(404)),
    Case(
        "following/email/<str:token>/",
        "/following/email/not-a-token/",
        everyone(404),
        method="post",
    ),
    # The signed link in a member's news email works without signing in (for anyone holding it);
    # a POST without a choice changes nothing.
    Case("following/email/<str:token>/", "/following/email/{email_choice_token}/", everyone(200)),
    Case(
        "following/email/<str:token>/",
        "/following/email/{email_choice_token}/",
        everyone(400),
        method="post",
    ),
    # conversations (responses, questions, the moderators' queue)
    Case(
        "conversations/page/<int:page_id>/", "/conversations/page/{public_story_id}/", for_members()
    ),
    Case(
        "conversations/page/<int:page_id>/",
        "/conversations/page/{members_story_id}/",
        for_members(),
    ),
    Case(
        "conversations/page/<int:page_id>/",
        "/conversations/page/{draft_story_id}/",
        for_members(members=404),
    ),
    Case(
        "conversations/page/<int:page_id>/open/",
        "/conversations/page/{public_story_id}/open/",
        for_members(members=405),
    ),
    Case(
        "conversations/<int:pk>/reply/", "/conversations/{others_response_id}/reply/", for_members()
    ),
    Case(
        "conversations/<int:pk>/edit/",
        "/conversations/{own_response_id}/edit/",
        {**for_members(), "other_member": 404, "administrator": 404},
    ),
    Case(
        "conversations/<int:pk>/delete/",
        "/conversations/{own_response_id}/delete/",
        {**for_members(), "other_member": 404, "administrator": 404},
    ),
    Case(
        "conversations/<int:pk>/flag/",
        "/conversations/{own_response_id}/flag/",
        {**for_members(), "member": 404},
    ),
    Case("conversations/questions/", "/conversations/questions/", for_members()),
    Case("conversations/questions/ask/", "/conversations/questions/ask/", for_members()),
    Case(
        "conversations/questions/<int:pk>/",
        "/conversations/questions/{question_id}/",
        for_members(),
    ),
    Case(
        "conversations/questions/<int:pk>/accept/<int:answer_pk>/",
        "/conversations/questions/{question_id}/accept/{answer_id}/",
        for_members(members=405),
    ),
    Case(
        "conversations/questions/<int:pk>/me-too/",
        "/conversations/questions/{question_id}/me-too/",
        for_members(members=405),
    ),
    Case("conversations/mine/", "/conversations/mine/", for_members()),
    Case(
        "admin/conversations/",
        "/admin/conversations/",
        for_admin(("moderator", "administrator"), refused=302),
    ),
    Case(
        "admin/conversations/<int:pk>/approve/",
        "/admin/conversations/{own_response_id}/approve/",
        for_admin((), refused=405),
    ),
    Case(
        "admin/conversations/<int:pk>/hide/",
        "/admin/conversations/{own_response_id}/hide/",
        for_admin((), refused=405),
    ),
    Case(
        "admin/conversations/<int:pk>/restore/",
        "/admin/conversations/{own_response_id}/restore/",
        for_admin((), refused=405),
    ),
    # the private learning log. Only the writer: another member and staff of every role get
    # 404 for an entry, as for one that does not exist.
    Case("account/learning-log/", "/account/learning-log/", for_members()),
    Case("account/learning-log/new/", "/account/learning-log/new/", for_members()),
    Case(
        "account/learning-log/new/",
        "/account/learning-log/new/?page={members_story_id}",
        for_members(),
    ),
    Case(
        "account/learning-log/<int:entry_id>/edit/",
        "/account/learning-log/{learning_log_entry_id}/edit/",
        answers(404, member=200, **dict.fromkeys(SIGNED_OUT, LOGIN)),
    ),
    Case(
        "account/learning-log/<int:entry_id>/delete/",
        "/account/learning-log/{learning_log_entry_id}/delete/",
        answers(404, member=200, **dict.fromkeys(SIGNED_OUT, LOGIN)),
    ),
    Case("account/learning-log/export/", "/account/learning-log/export/", for_members()),
    Case(
        "account/learning-log/export/",
        "/account/learning-log/export/?format=docx&date_from=2026-01-01",
        for_members(),
    ),
    # the accessibility statement, a public page
    Case(
        "page:accessibility.AccessibilityStatementPage", "{accessibility_statement}", everyone(200)
    ),
    # ripples (a teller's update, a member's "what I tried", the asking choice) and meeting
    # check-outs (signed links: no sign-in; forged, expired and reused links get a clear page).
    Case("ripples/ask-me/", "/ripples/ask-me/", for_members()),
    Case(
        "ripples/stories/<int:story_id>/update/",
        "/ripples/stories/{public_story_id}/update/",
        for_members() | {"other_member": 404, "administrator": 404},
    ),
    Case(
        "ripples/stories/<int:story_id>/update/",
        "/ripples/stories/{draft_story_id}/update/",
        for_members(members=404),
    ),
    Case(
        "ripples/stories/<int:story_id>/tried/",
        "/ripples/stories/{public_story_id}/tried/",
        for_members() | {"other_member": 403, "administrator": 403},
    ),
    Case(
        "ripples/stories/<int:story_id>/tried/",
        "/ripples/stories/{members_story_id}/tried/",
        for_members(members=403),
    ),
    Case("page:events.MeetingPage:check-out/<str:token>/", "{check_out_link}", everyone(200)),
    Case("page:events.MeetingPage:check-out/<str:token>/", "{check_out_forged}", everyone(404)),
    Case("page:events.MeetingPage:check-out/<str:token>/", "{check_out_expired}", everyone(410)),
    Case("page:events.MeetingPage:check-out/<str:token>/", "{check_out_reused}", everyone(200)),
    # Easy Read pages and their PDF; the language check as you type and in the admin.
    Case("page:easy_read.EasyReadIndexPage", "{easy_read_index}", everyone(200)),
    Case("page:easy_read.EasyReadPage", "{easy_read_page}", everyone(200)),
    Case("page:easy_read.EasyReadPage:pdf/", "{easy_read_page}pdf/", everyone(200)),
    Case("language-check/", "/language-check/", everyone(405)),
    Case(
        "language-check/",
        "/language-check/",
        answers(403, **dict.fromkeys(MEMBERS + STAFF + ("administrator",), 200)),
        method="post",
    ),
    Case(
        "admin/language-check/pages/<int:page_id>/",
        "/admin/language-check/pages/{standard_page_id}/",
        for_admin(("editor", "administrator"), refused=302),
    ),
]
CASES += [
    # the outcomes practice map, a cell's list, and the coordinators' briefings.
    Case("page:practice_map.PracticeMapPage", "{practice_map}", everyone(200)),
    Case(
        "page:practice_map.PracticeMapPage:cell/",
        "{practice_map}cell/?area=carers-and-families&column=health",
        everyone(200),
    ),
    Case(
        "page:practice_map.PracticeMapPage:briefing/csv/",
        "{practice_map}briefing/csv/?area=carers-and-families",
        answers(403, **dict.fromkeys(SIGNED_OUT, LOGIN), coordinator=200, administrator=200),
    ),
    Case(
        "page:practice_map.PracticeMapPage:briefing/pdf/",
        "{practice_map}briefing/pdf/?area=carers-and-families&column=health",
        answers(403, **dict.fromkeys(SIGNED_OUT, LOGIN), coordinator=200, administrator=200),
    ),
]


def h1_conversation_objects(member, story):
    """a response of the member's own, another's, and a question with an answer."""
    from django.utils import timezone

    from conversations.models import Contribution

    shown = {"status": "visible", "published_at": timezone.now()}
    other = MemberFactory()
    question = Contribution.objects.create(
        kind="question", author=other, title="A question", text="?", **shown
    )
    return {
        "own_response_id": Contribution.objects.create(
            kind="response", page=story, author=member, text="Mine", **shown
        ).pk,
        "others_response_id": Contribution.objects.create(
            kind="response", page=story, author=other, text="Theirs", **shown
        ).pk,
        "question_id": question.pk,
        "answer_id": Contribution.objects.create(
            kind="answer", parent=question, author=member, text="An answer", **shown
        ).pk,
    }


# Wagtail's own admin views sit behind its access check ("admin/" above) and its permission
# policies; the rows above cover the views this project adds to the admin.
OUR_PACKAGES = (
    "network_site.",
    "stories.",
    "events.",
    "resources.",
    "mapping.",
    "impact.",
    "following.",
    "conversations.",
    "learning_log.",
    "ripples.",
    "plain_language.",
    "easy_read.",
)


def routed_patterns():
    keys = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                module = getattr(pattern.callback, "__module__", "")
                wagtails_own_admin = route.startswith("admin/") and route != "admin/login/"
                if wagtails_own_admin and not module.startswith(OUR_PACKAGES):
                    keys.add("admin/")
                    continue
                keys.add(route)

    walk(get_resolver().url_patterns, "")
    keys.update(path.lstrip("/") for path in PATHS_ANSWERED_BEFORE_ROUTING)
    for model in get_page_models():
        if model._meta.label == "wagtailcore.Page":
            continue
        keys.add(f"page:{model._meta.label}")
        for sub_url in getattr(model, "get_subpage_urls", list)():
            if str(sub_url.pattern):
                keys.add(f"page:{model._meta.label}:{sub_url.pattern}")
    return keys


def test_every_routed_url_has_a_row():
    rows = {case.key for case in CASES}
    assert sorted(routed_patterns() - rows) == [], "URL patterns without a row in CASES"
    assert sorted(rows - routed_patterns() - {"admin/pages/<int:page_id>/edit/"}) == []


def test_every_row_answers_for_every_role():
    for case in CASES:
        assert set(case.expect) == set(ROLES), case.key


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """One of each page type, documents and images public and private, and the people: built once
    for the module (each role's test still runs in its own savepoint)."""
    with module_database(django_db_blocker):
        yield build_site(make_home_page())


def build_site(home_page):
    member = MemberFactory(email="member@example.org")
    stories = make_story_index(home_page)
    public_story = StoryPageFactory(parent=stories, owner=member, themes=["Carers"])
    members_story = StoryPageFactory(parent=stories, owner=member, audience="members")
    draft_story = StoryPageFactory(parent=stories, owner=member, published=False, live=False)
    draft_story.tags.set(["Drafts only"])
    draft_story.save()
    meetings = MeetingIndexPageFactory(parent=home_page)
    meeting = MeetingPageFactory(parent=meetings, starts_at=timezone.now() + timedelta(days=9))
    library = ResourceIndexPageFactory(parent=home_page)
    booklet = BookletPageFactory(parent=home_page)
    guide = CarersActGuidePageFactory(parent=home_page)
    mapping = MappingGuidePageFactory(parent=home_page)

    private = Collection.get_first_root_node().add_child(name="Members' papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document_model = get_document_model()
    public_document = document_model.objects.create(
        title="Leaflet", file=ContentFile(b"For all", name="leaflet.txt")
    )
    private_document = document_model.objects.create(
        title="Minutes", file=ContentFile(b"Members", name="minutes.txt"), collection=private
    )
    public_image = ImageFactory(title="Public", file=get_test_image_file())
    private_image = ImageFactory(title="Private", collection=private)
    standard_page = StandardPageFactory(parent=home_page)
    easy_read_index = EasyReadIndexPageFactory(parent=home_page)
    objects = {
        "standard_page": standard_page.url,
        "standard_page_id": standard_page.pk,
        "easy_read_index": easy_read_index.url,
        "easy_read_page": EasyReadPageFactory(
            parent=easy_read_index, standard_page=standard_page
        ).url,
        "stories": stories.url,
        "public_story": public_story.url,
        "public_story_id": public_story.pk,
        "members_story": members_story.url,
        "members_story_id": members_story.pk,
        "members_story_restriction": members_story.get_view_restrictions().first().pk,
        "draft_story": stories.url + draft_story.slug + "/",
        "draft_story_id": draft_story.pk,
        "meetings": meetings.url,
        "meeting": meeting.url,
        "meeting_id": meeting.pk,
        "library": library.url,
        "resource": ResourcePageFactory(parent=library).url,
        "booklet": booklet.url,
        "chapter": BookletChapterPageFactory(parent=booklet).url,
        "guide": guide.url,
        "section": CarersActSectionPageFactory(parent=guide).url,
        "self_check": SelfCheckPageFactory(parent=guide).url,
        "mapping": mapping.url,
        "mapping_entry": MappingEntryPageFactory(parent=mapping).url,
        "public_document_id": public_document.pk,
        "public_document_url": public_document.url,
        "private_document_id": private_document.pk,
        "private_document_url": private_document.url,
        "private_document_file": private_document.file.name,
        "private_collection_restriction": restriction.pk,
        "public_image_id": public_image.pk,
        "public_image_file": public_image.file.name,
        "public_rendition_url": public_image.get_rendition("width-100").url,
        "private_image_id": private_image.pk,
        "join_request_id": JoinRequestFactory(status=JoinRequest.Status.PENDING).pk,
        "sector_id": Sector.objects.first().pk,
        "practice_map": PracticeMapPageFactory(parent=home_page).url,
    }
    make_outcome_area("Carers and families", ["Carers"])
    objects["member_profile_id"] = MemberProfile.objects.get_or_create(user=member)[0].pk
    objects.update(following_objects(member, public_story))
    objects.update(h1_conversation_objects(member, public_story))
    objects["learning_log_entry_id"] = Entry.objects.create(owner=member, reflection="Mine").pk
    objects["accessibility_statement"] = AccessibilityStatementPageFactory(parent=home_page).url
    objects.update(h5_objects(member, public_story, meeting))
    return {"member": member, "urls": objects}


def following_objects(member, story):
    """the member's own follow (a teller follows their story), news and email link."""
    from following import kinds, services, tokens
    from following.models import EmailPreferences, Follow

    EmailPreferences.objects.create(user=member)
    [news] = services.notify({member.pk}, kinds.FOLLOWED, title="News", url=story.url)
    return {
        "follow_id": Follow.objects.get(user=member, object_id=story.pk).pk,
        "notification_id": news.pk,
        "email_choice_token": tokens.make_token(member, [kinds.FOLLOWED]),
    }


def h5_objects(member, public_story, meeting):
    """the member found the public story helpful; check-out links for the meeting."""
    from unittest import mock

    from events.check_outs import make_token
    from events.models import Booking, CheckOutInvitation
    from stories.models import HelpedMark

    HelpedMark.objects.create(story=public_story, user=member)

    def check_out_link(attendee, answered=False, when=None):
        booking = Booking.objects.create(
            meeting=meeting, member=attendee, status=Booking.Status.ATTENDING
        )
        CheckOutInvitation.objects.create(
            booking=booking, sent_on=timezone.localdate(), answered=answered
        )
        with mock.patch("time.time", return_value=(when or timezone.now()).timestamp()):
            return meeting.url + meeting.reverse_subpage("check_out", args=[make_token(booking)])

    link = check_out_link(MemberFactory())
    return {
        "check_out_link": link,
        "check_out_forged": link[:-6] + "AAAAA/",
        "check_out_expired": check_out_link(
            MemberFactory(), when=timezone.now() - timedelta(days=90)
        ),
        "check_out_reused": check_out_link(MemberFactory(), answered=True),
    }


def sign_in_as(client, role, site):
    """Signs the client in as `role`; the three not yet approved try and are refused."""
    if role == "visitor":
        return
    if role in ("unconfirmed", "pending", "declined"):
        join_request = JoinRequestFactory(status=role)
        client.post(reverse("account_login"), {"login": join_request.email, "password": PASSWORD})
        assert "_auth_user_id" not in client.session
        # Even a session made by other means gives them nothing: their account is inactive.
        client.force_login(join_request.user)
        return
    people = {
        "member": lambda: site["member"],
        "other_member": lambda: MemberFactory(),
        "moderator": lambda: make_staff(MODERATOR),
        "coordinator": lambda: make_staff(COORDINATOR),
        "editor": lambda: make_staff(EDITOR),
        "administrator": lambda: make_staff(ADMINISTRATOR),
    }
    client.force_login(people[role]())


def answer_of(response):
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(("/accounts/login/", "/admin/login/")) and "next=" in location:
            return LOGIN
        if location.startswith("/accounts/reauthenticate/") and "next=" in location:
            return REAUTHENTICATE
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_everywhere(client, site, role):
    sign_in_as(client, role, site)
    signed_in = "_auth_user_id" in client.session and role not in SIGNED_OUT
    wrong = []
    for case in CASES:
        url = case.url.format(**site["urls"])
        response = getattr(client, case.method)(url, headers=case.headers)
        got = answer_of(response)
        if got != case.expect[role]:
            wrong.append(f"{case.key} {url}: expected {case.expect[role]}, got {got}")
        cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        if signed_in and not {"private", "no-store"} <= cache_control:
            wrong.append(f"{case.key} {url}: Cache-Control {response.get('Cache-Control')!r}")
    assert not wrong, "\n".join(wrong)
