"""One address for the site: every absolute link in every email and export starts with SITE_URL.

The requests here come in on "testserver" and Wagtail's Site row says "wrong-host.invalid", so a
link built from either (rather than from SITE_URL) shows up as a stranger.
"""

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Site, WorkflowState

from events import booking as bookings
from events.models import Booking, MeetingPage
from events.times import start_of_uk_day, uk_today
from network_site.core import mail as core_mail
from network_site.core.roles import EDITOR, MODERATOR
from network_site.core.site_address import absolute_url, page_url
from network_site.membership import services
from network_site.membership.digest import queue_due_digests
from network_site.membership.models import JoinRequest, MemberProfile, MembershipSettings
from network_site.settings.environment import env_site_url
from ripples.models import AskingChoice
from stories.models import StoryPage
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.mapping import MappingEntryPageFactory, MappingGuidePageFactory
from tests.factories.membership import (
    CoordinatorFactory,
    MemberFactory,
    join_form_data,
    make_staff,
)
from tests.factories.resources import (
    BookletChapterPageFactory,
    BookletPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    heading_and_text,
)
from tests.factories.stories import make_moderator, make_story_index, story_form_data

pytestmark = pytest.mark.django_db

SITE = "https://network.example.org"
ABSOLUTE_URL = re.compile(r"""https?://[^\s"'<>()\\\]]+""")
# The hosts the site itself answers to, or that Wagtail's Site row names: never in a link.
STRANGERS = ("testserver", "localhost", "127.0.0.1", "wrong-host.invalid", "example.com")
# Addresses that are not links to anywhere: XML namespaces in feeds and sitemaps.
NAMESPACES = ("http://www.w3.org/", "http://www.sitemaps.org/")
TEMPLATES = Path(django_settings.BASE_DIR) / "templates" / "emails"


def site_emails():
    return {
        str(path.relative_to(TEMPLATES)).removesuffix("_subject.txt")
        for path in TEMPLATES.rglob("*_subject.txt")
    }


def links_in(text):
    return [url for url in ABSOLUTE_URL.findall(text) if not url.startswith(NAMESPACES)]


def pdf_text(pdf_bytes):
    """The text of a PDF, and the addresses its links lead to."""
    parts = []
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        parts.append(page.extract_text())
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                parts.append(str(action["/URI"]))
    return "\n".join(parts)


def on_commit():
    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.fixture
def site(settings, home_page):
    # As in production, where both come from SITE_URL (settings/base.py).
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = SITE
    Site.objects.filter(is_default_site=True).update(hostname="wrong-host.invalid", port=8000)
    return home_page


@pytest.fixture
def sent_templates(monkeypatch):
    """The names of the site's email templates rendered during the test."""
    names = []
    render_email = core_mail.render_email

    def recording_render_email(template, context=None):
        names.append(template)
        return render_email(template, context)

    monkeypatch.setattr(core_mail, "render_email", recording_render_email)
    return names


def confirm(client, message):
    path = re.search(r"/accounts/confirm-email/[^\s/]+/", message.body).group(0)
    client.post(path)


def join_and_confirm(client, email):
    client.post(reverse("membership:join"), join_form_data(email=email))
    confirm(client, mail.outbox[-1])
    return JoinRequest.objects.get(email=email)


def produce_every_email(client, home_page):
    """Each message the site sends, through the paths that send it."""
    coordinator = CoordinatorFactory()
    # Address confirmation (allauth), the coordinators' digest, the welcome, the refusal.
    welcomed = join_and_confirm(client, "welcomed@example.org")
    services.approve(welcomed, decided_by=coordinator, message="See you in March.")
    declined = join_and_confirm(client, "declined@example.org")
    services.decline(declined, decided_by=coordinator, message="Sorry.")
    # Automatic approval tells the coordinators.
    MembershipSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"approve_automatically": True}
    )
    join_and_confirm(client, "automatic@example.org")
    # Asking to join with a member's address: its owner is told by email (an address that has
    # had no confirmation mail this hour: one an hour at most).
    MemberFactory(email="known@example.org", username="known")
    client.post(reverse("membership:join"), join_form_data(email="known@example.org"))
    # A password reset (allauth).
    member = MemberFactory(email="member@example.org", username="member@example.org")
    client.post(reverse("account_reset_password"), {"email": member.email})

    # Stories: changes requested, then approved.
    index = make_story_index(home_page)
    moderator = make_moderator()
    client.force_login(MemberFactory(email="teller@example.org", username="teller"))
    client.post(index.share_url, story_form_data(title="Tea & toast"))
    story = StoryPage.objects.get()

    def task_state():
        return WorkflowState.objects.get(
            object_id=str(story.pk), status=WorkflowState.STATUS_IN_PROGRESS
        ).current_task_state.specific

    with on_commit():
        task_state().reject(user=moderator, comment="Please leave out the town's name.")
    client.post(index.subpage_url("edit_story", story.pk), story_form_data(action="submit"))
    with on_commit():
        task_state().approve(user=moderator)

    # Meetings: a place offered from the waiting list, and tomorrow's reminder.
    meetings = MeetingIndexPageFactory(parent=home_page)
    full = MeetingPageFactory(parent=meetings, slug="full", capacity=1)
    first, second = MemberFactory(email="first@example.org"), MemberFactory()
    bookings.book(full.pk, first)
    bookings.book(full.pk, second)
    with on_commit():
        bookings.cancel(full.pk, first)
    tomorrow = MeetingPageFactory(
        parent=meetings,
        slug="tomorrow",
        format=MeetingPage.Format.ONLINE,
        starts_at=start_of_uk_day(uk_today() + timedelta(days=1)) + timedelta(hours=10),
    )
    bookings.book(tomorrow.pk, first)
    # The meetings mailing: an announcement on publishing, a reminder a week ahead.
    subscriber = MemberFactory(email="mailing@example.org", username="mailing")
    MemberProfile.objects.create(
        user=subscriber, receives_meetings_mailing=True, digest_frequency="weekly"
    )
    announced = MeetingPageFactory(parent=meetings, slug="announced")
    with on_commit():
        announced.save_revision().publish()
    MeetingPageFactory(
        parent=meetings,
        slug="next-week",
        starts_at=start_of_uk_day(uk_today() + timedelta(days=7)) + timedelta(hours=10),
    )
    with on_commit():
        call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # An offer not taken up in time lapses.
    Booking.objects.filter(status=Booking.Status.OFFERED).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    with on_commit():
        bookings.expire_offers()
    # The digest, and a message through the directory.
    with on_commit():
        queue_due_digests()
    MemberProfile.objects.create(user=second, listed_in_directory=True)
    client.force_login(subscriber)
    client.post(
        reverse("membership:contact", args=[second.member_profile.pk]), {"message": "Hello"}
    )
    # The link checker tells the editors of a link that does not answer (.invalid never does).
    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=library, external_url="https://gone.invalid/guide")
    make_staff(EDITOR, email="editor@example.org")
    call_command("check_resource_links", "--timeout", "1", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # news from what a member follows (a story they follow gets a response), at once.
    from following import kinds as news_kinds
    from following import services as following
    from following.models import EmailPreferences

    EmailPreferences.objects.create(user=second, followed=news_kinds.Frequency.AT_ONCE)
    with on_commit():
        following.notify({second.pk}, news_kinds.FOLLOWED, title="A response", url=story.url)
    # conversations: a held response alerts the moderators; a hidden one tells its author.
    from conversations import moderation
    from conversations.models import Contribution

    story_moderator = make_staff(MODERATOR, email="conversations-moderator@example.org")
    with on_commit():
        held = moderation.post(
            Contribution(kind="response", page=story, author=member, text="First words")
        )
    with on_commit():
        moderation.hide(held, story_moderator, "Please keep to the story.")
    # a meeting's check-out, and a teller asked what happened next.
    ended = MeetingPageFactory(
        parent=meetings, slug="ended", starts_at=timezone.now() - timedelta(days=1, hours=3)
    )
    Booking.objects.create(meeting=ended, member=first, status=Booking.Status.ATTENDING)
    with on_commit():
        call_command("send_meeting_check_outs", stdout=open("/dev/null", "w"))  # noqa: SIM115
    AskingChoice.objects.create(user=story.owner, ask_me=True)
    StoryPage.objects.filter(pk=story.pk).update(
        first_published_at=timezone.now() - timedelta(days=100)
    )
    with on_commit():
        call_command("ask_what_happened_next", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return meetings


def test_every_link_in_every_email_and_export_is_on_the_site_address(
    client, admin_client, site, sent_templates
):
    meetings = produce_every_email(client, site)
    assert set(sent_templates) == site_emails(), (
        "An email was added without a way to send it here: produce it in produce_every_email"
    )

    booklet = BookletPageFactory(parent=site)
    BookletChapterPageFactory(parent=booklet, body=heading_and_text(("A heading", "Some text.")))
    guide_entry = MappingEntryPageFactory(parent=MappingGuidePageFactory(parent=site))
    full = MeetingPage.objects.get(slug="full")
    teller = StoryPage.objects.get().owner  # a published story, a place at a meeting
    bookings.book(full.pk, teller)
    client.force_login(teller)
    stories_index = StoryPage.objects.get().get_parent()

    exports = {
        "meeting calendar": client.get(full.url + "calendar/"),
        "calendar feed": client.get(meetings.url + "calendar/"),
        "stories feed": client.get(stories_index.url + "feed/"),
        "mapping CSV": client.get(guide_entry.get_parent().url + "export/csv/"),
        "mapping JSON": client.get(guide_entry.get_parent().url + "export/json/"),
        "my data": client.post(reverse("membership:download_my_data")),
        "booklet PDF": client.get(booklet.url + "pdf/"),
        "bookings CSV": admin_client.get(f"/admin/events/meetings/{full.pk}/bookings.csv"),
    }
    for name, response in exports.items():
        assert response.status_code == 200, name
    texts = {name: response.content.decode("latin-1") for name, response in exports.items()}
    texts["booklet PDF"] = pdf_text(exports["booklet PDF"].content)
    for message in mail.outbox:
        html = message.alternatives[0][0] if message.alternatives else ""
        texts[f"email {message.subject!r}"] = f"{message.subject}\n{message.body}\n{html}"

    for name, text in texts.items():
        links = links_in(text)
        strangers = [url for url in links if any(host in url for host in STRANGERS)]
        assert strangers == [], f"{name} links elsewhere than {SITE}: {strangers}"
    own_links = {
        name: [url for url in links_in(text) if url.startswith(SITE)]
        for name, text in texts.items()
    }
    without_a_link = [name for name, links in own_links.items() if not links]
    # The bookings list carries no link back to the site; everything else does.
    assert without_a_link == ["bookings CSV"], without_a_link


def test_page_url_and_absolute_url_use_the_site_address(site):
    assert absolute_url("/stories/") == f"{SITE}/stories/"
    assert absolute_url("stories/") == f"{SITE}/stories/"
    assert absolute_url("https://elsewhere.example.net/x") == "https://elsewhere.example.net/x"
    assert page_url(site) == f"{SITE}/"


def test_the_command_points_wagtails_site_at_the_address(site, settings):
    call_command("set_site_address", stdout=open("/dev/null", "w"))  # noqa: SIM115
    default = Site.objects.get(is_default_site=True)
    assert (default.hostname, default.port) == ("network.example.org", 443)
    assert default.site_name == settings.WAGTAIL_SITE_NAME
    assert site.get_full_url() == f"{SITE}/"

    settings.SITE_URL = "http://127.0.0.1:8120"
    call_command("set_site_address", stdout=open("/dev/null", "w"))  # noqa: SIM115
    default.refresh_from_db()
    assert (default.hostname, default.port) == ("127.0.0.1", 8120)


@pytest.mark.parametrize(
    "value", ["network.example.org", "ftp://network.example.org", "https://", "https://x.org/site"]
)
def test_a_site_address_that_is_not_one_is_refused(monkeypatch, value):
    monkeypatch.setenv("SITE_URL", value)
    with pytest.raises(ImproperlyConfigured, match="SITE_URL must be the site's public address"):
        env_site_url("SITE_URL", "http://127.0.0.1:8000")
