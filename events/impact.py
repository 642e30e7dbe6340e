"""The impact report's section on meetings: places booked against attended, per meeting.

No one's presence is recorded at the door, so "attended" is the places still held ("Coming") once
the meeting has ended; "booked" is everyone who asked for a place, waiting list and later
cancellations included. Both are counts of people, shown through `count_about_people`.
"""

from django.db.models import Count, Q
from django.utils import timezone

from network_site.core.charts import BarChart, Series
from network_site.core.impact import Period, Table, count_about_people
from network_site.core.impact_data import in_period

from .models import Booking, MeetingPage

NOT_YET = "not yet held"


def meetings_booked_and_attended(period: Period):
    now = timezone.now()
    meetings = (
        in_period(MeetingPage.objects.live(), "starts_at", period)
        .annotate(
            booked=Count("bookings"),
            attended=Count("bookings", filter=Q(bookings__status=Booking.Status.ATTENDING)),
        )
        .order_by("starts_at", "pk")
        .values("title", "starts_at", "ends_at", "booked", "attended")
    )
    rows, dates = [], []
    for meeting in meetings:
        held = meeting["ends_at"] <= now
        dates.append(f"{timezone.localtime(meeting['starts_at']):%-d %B %Y}")
        rows.append(
            [
                f"{meeting['title']} ({dates[-1]})",
                count_about_people(meeting["booked"]),
                count_about_people(meeting["attended"]) if held else NOT_YET,
            ]
        )
    return {
        "chart": BarChart(
            "meetings-booked-attended",
            "Meetings: places booked against attended",
            "Two bars for each meeting in the period: solid for places booked, hatched for those"
            " who came; under five is shown as “fewer than 5” with no bar.",
            dates,
            [
                Series("Booked", [row[1] for row in rows]),
                Series("Attended", [row[2] for row in rows]),
            ],
        ),
        "tables": [
            Table("Meetings: places booked and attended", ["Meeting", "Booked", "Attended"], rows)
        ],
    }
