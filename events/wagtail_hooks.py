from django.db.models import Count, Q
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from network_site.core.page_cache import PURGES_HOOK, Purge

from . import admin_views
from .models import Booking, MeetingIndexPage, MeetingPage, upcoming


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
