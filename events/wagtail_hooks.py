from django.db.models import Count, Q
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from network_site.core import home_sections, impact, schedule
from network_site.core.bulk import GENERATORS_HOOK, Generator
from network_site.core.demo import DEMO_CONTENT_HOOK
from network_site.core.impact import IMPACT_SECTIONS_HOOK, ImpactSection
from network_site.core.page_cache import PURGES_HOOK, Purge
from network_site.membership import member_page, personal_data
from network_site.membership.services import NEXT_MEETING_HOOK

from . import admin_views, member_home
from .booking import erase_member_bookings, export_member_bookings
from .home import next_meeting_section
from .impact import meetings_booked_and_attended
from .models import Booking, MeetingIndexPage, MeetingPage, next_public_meeting, upcoming


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "events/meetings/<int:meeting_id>/bookings/",
            admin_views.bookings_view,
            name="events_meeting_bookings",
        ),
        path(
            "events/meetings/<int:meeting_id>/bookings.csv",
            admin_views.bookings_csv_view,
            name="events_meeting_bookings_csv",
        ),
        path(
            "events/meetings/<int:meeting_id>/schedule-next/",
            admin_views.schedule_next_view,
            name="events_schedule_next",
        ),
    ]


@hooks.register("register_page_listing_more_buttons")
def meeting_listing_buttons(page, user, next_url=None):
    if isinstance(page.specific_deferred, MeetingIndexPage):
        # On the index: next quarter's meeting from the latest one there is.
        latest = MeetingPage.objects.child_of(page).order_by("-starts_at").first()
        if latest and page.permissions_for_user(user).can_add_subpage():
            yield Button(
                "Schedule next quarter's meeting",
                reverse("events_schedule_next", args=[latest.pk]),
                icon_name="date",
                priority=61,
            )
        return
    if not isinstance(page.specific_deferred, MeetingPage):
        return
    if page.permissions_for_user(user).can_edit():
        yield Button(
            "Who is coming",
            reverse("events_meeting_bookings", args=[page.pk]),
            icon_name="group",
            priority=60,
        )
    if page.get_parent().permissions_for_user(user).can_add_subpage():
        yield Button(
            "Schedule next quarter's meeting",
            reverse("events_schedule_next", args=[page.pk]),
            icon_name="date",
            priority=61,
        )


class NextMeetingsPanel(Component):
    """The coordinators' dashboard: the next meetings and how many places are taken."""

    name = "next_meetings"
    template_name = "events/admin/next_meetings_panel.html"
    order = 55
    SHOWN = 3

    def get_context_data(self, parent_context):
        meetings = upcoming(MeetingPage.objects.live()).annotate(
            places_taken=Count("bookings", filter=Q(bookings__status=Booking.Status.ATTENDING)),
            waiting_count=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITING)),
        )
        return {"meetings": list(meetings[: self.SHOWN])}


@hooks.register("construct_homepage_panels")
def add_next_meetings_panel(request, panels):
    if request.user.has_perm("events.view_booking"):
        panels.append(NextMeetingsPanel())


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("events", "events.demo.load")


@hooks.register(GENERATORS_HOOK)
def network_generator():
    return Generator("meetings", "events.generate.generate", 40, order=50)


@hooks.register(home_sections.HOME_SECTIONS_HOOK)
def home_page_section():
    return home_sections.HomeSection(
        "next_meeting",
        label="The next meeting",
        template="pages/events/home_next_meeting.html",
        get_context=next_meeting_section,
        default_heading="Next meeting",
    )


# The member's own page: their places, and new meetings in "what is new" and the digest.
@hooks.register(member_page.MEMBER_HOME_SECTIONS_HOOK)
def member_home_section():
    return member_page.HomeSection(
        "meetings", "pages/events/home_section.html", member_home.section_context, order=20
    )


@hooks.register(member_page.MEMBER_NEWS_HOOK)
def member_news():
    return member_page.NewsKind(MeetingPage, "Meetings")


@hooks.register(schedule.JOBS_HOOK)
def scheduled_jobs():
    return [
        schedule.job(
            "send_meeting_reminders",
            schedule.DAILY,
            "Reminds each member coming to a meeting tomorrow, with the joining link if online.",
        ),
        schedule.job(
            "expire_place_offers",
            schedule.HOURLY,
            "Gives a place offered from the waiting list and not taken up to the next person.",
        ),
        schedule.job(
            "purge_access_needs",
            schedule.DAILY,
            "Deletes access needs given for meetings that ended over the retention period ago.",
        ),
        schedule.job(
            "send_meeting_check_outs",
            schedule.DAILY,
            "Sends each member who came to a meeting that ended in the last week its check-out.",
        ),
    ]


# How meetings felt: the check-out results per meeting, never from fewer than five answers.
@hooks.register(impact.IMPACT_SECTIONS_HOOK)
def impact_section():
    from .check_outs import impact_context

    return impact.ImpactSection(
        "check_outs", "How meetings felt", "events/impact/check_outs.html", impact_context, order=40
    )


@hooks.register(personal_data.PERSONAL_DATA_HOOK)
def personal_data_sources():
    return [
        personal_data.source(
            "meeting_bookings",
            export=export_member_bookings,
            erase=erase_member_bookings,
            models=[Booking],
        )
    ]


# The welcome email names the next meeting.
@hooks.register(NEXT_MEETING_HOOK)
def next_meeting():
    return next_public_meeting()


@hooks.register(PURGES_HOOK)
def events_purges():
    # A booking changes the places left on its meeting's page and in the home page's next
    # meeting; the access needs tally and the mailings' record show on no visitor's page.
    return [
        Purge(
            Booking,
            lambda booking: [
                (booking.meeting, True),
                (booking.meeting.get_site().root_page, False),
            ],
        )
    ]


@hooks.register(IMPACT_SECTIONS_HOOK)
def impact_meetings_section():
    return ImpactSection(
        "meetings",
        "Meetings booked and attended",
        "pages/events/impact/meetings.html",
        meetings_booked_and_attended,
        order=30,
    )
