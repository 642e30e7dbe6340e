"""Calendar files (RFC 5545), made with the icalendar library."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from network_site.core.mail import one_line
from network_site.core.site_address import page_url

from .times import in_uk

PRODUCT_ID = f"-//{settings.WAGTAIL_SITE_NAME}//Quarterly meetings//EN"
UID_DOMAIN = "personal-outcomes-network"


def meeting_uid(meeting):
    # The page's translation key never changes, so calendar apps update the entry, never duplicate it.
    return f"meeting-{meeting.translation_key}@{UID_DOMAIN}"


def meeting_location(meeting, joining_link=""):
    if meeting.is_in_person():
        place = ", ".join(
            part for part in [meeting.venue_name, *meeting.address.splitlines()] if part.strip()
        )
        if place:
            return place
    return joining_link or "Online"


def meeting_event(meeting, joining_link=""):
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    if meeting.last_published_at:
        event.add("last-modified", meeting.last_published_at)
    # Local UK time with its zone (TZID=Europe/London): right on both sides of a clock change.
    event.add("dtstart", in_uk(meeting.starts_at))
    event.add("dtend", in_uk(meeting.ends_at))
    # Calendar apps show these as one-line fields: a stray line break must not split them.
    event.add("summary", one_line(meeting.title))
    event.add("location", one_line(meeting_location(meeting, joining_link)))
    url = page_url(meeting)
    if url:
        event.add("url", url)
    description = [strip_tags(meeting.introduction)] if meeting.introduction else []
    if joining_link:
        description.append(f"Join online: {joining_link}")
    if url:
        description.append(f"Agenda and papers: {url}")
    event.add("description", "\n\n".join(description))
    event.add("status", "CONFIRMED")
    return event


def build_calendar(meetings, name, joining_links=None):
    """A VCALENDAR of `meetings`; `joining_links` maps a meeting's pk to a link to include."""
    joining_links = joining_links or {}
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, joining_links.get(meeting.pk, "")))
    if meetings:
        # The VTIMEZONE covers the meetings' years only, not every clock change since 1970.
        calendar.add_missing_timezones(
            first_date=min(m.starts_at for m in meetings).date() - timedelta(days=366),
            last_date=max(m.ends_at for m in meetings).date() + timedelta(days=366),
        )
    return calendar


def calendar_response(calendar, filename, private=False):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    return response


def meetings_calendar_response(meetings, filename, name):
    return calendar_response(build_calendar(meetings, name), filename)
