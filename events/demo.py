"""Demo meetings: the last four quarterly meetings, with notes, and the next two. Their words are in
`demo_content/meeting-themes.yaml`; the latest past meeting's check-out answers are in
`demo_content/check-outs.yaml`.

Dates are worked out from today's date (the second Wednesday of February, May, August and November),
so the split between past and upcoming stays right whenever the demo is loaded, and loading it twice
on the same day changes nothing.
"""

import calendar
from datetime import date, time, timedelta
from pathlib import Path

from network_site.core.demo import stream, upsert_page
from network_site.core.demo_data import (
    DemoDataError,
    check_records,
    markdown_html,
    read_records,
    read_yaml,
    upsert_page_from_file,
)
from network_site.core.site_address import page_url

from .models import CheckOutAnswer, MeetingIndexPage, MeetingPage
from .times import uk_datetime, uk_today

MEETING_MONTHS = (2, 5, 8, 11)
STARTS, ENDS = time(10, 0), time(12, 30)

DEMO_CONTENT = Path(__file__).parent / "demo_content"
MEETINGS = DEMO_CONTENT / "meetings.md"
MEETING_THEMES = DEMO_CONTENT / "meeting-themes.yaml"
CHECK_OUTS = DEMO_CONTENT / "check-outs.yaml"
THEME_FIELDS = {"topic", "introduction", "format", "speaker", "notes", "story"}


def meeting_themes():
    """What every meeting has, and the themes taken in turn, from the YAML file."""
    data = read_yaml(MEETING_THEMES)
    if not isinstance(data, dict) or {"every_meeting", "themes"} - set(data):
        raise DemoDataError(MEETING_THEMES, "the file needs 'every_meeting' and 'themes'.")
    formats = set(MeetingPage.Format.values)
    themes = check_records(MEETING_THEMES, data["themes"], THEME_FIELDS, "theme")
    for position, theme in enumerate(themes, 1):
        if theme["format"] not in formats:
            raise DemoDataError(
                MEETING_THEMES, f"theme {position}: format is one of {', '.join(sorted(formats))}."
            )
    return data["every_meeting"], themes


def second_wednesday(year, month):
    first_weekday = calendar.monthrange(year, month)[0]
    first_wednesday = 1 + (calendar.WEDNESDAY - first_weekday) % 7
    return date(year, month, first_wednesday + 7)


def meeting_days(today):
    """The last four meeting days up to today, and the next two after it."""
    days = [
        second_wednesday(year, month)
        for year in range(today.year - 2, today.year + 2)
        for month in MEETING_MONTHS
    ]
    return [day for day in days if day <= today][-4:], [day for day in days if day > today][:2]


def theme_for(day, themes):
    return themes[(day.year * 4 + MEETING_MONTHS.index(day.month)) % len(themes)]


def agenda_for(theme, agenda):
    return stream(
        *(
            (
                "item",
                {
                    "starts_at": item["starts_at"],
                    "title": item["title"].format_map(theme),
                    "speakers": item.get("speakers", "").format_map(theme),
                },
            )
            for item in agenda
        )
    )


def meeting_fields(day, theme, every_meeting, *, past):
    meeting_format = theme["format"]
    fields = {
        "title": f"Network meeting, {day:%B %Y}: {theme['topic']}",
        "introduction": theme["introduction"],
        "starts_at": uk_datetime(day, STARTS),
        "ends_at": uk_datetime(day, ENDS),
        "format": meeting_format,
        "venue_name": theme.get("venue_name", ""),
        "address": theme.get("address", ""),
        "joining_link": (
            f"https://meet.example.org/network-{day:%Y-%m}"
            if meeting_format != MeetingPage.Format.IN_PERSON
            else ""
        ),
        "capacity": 40 if meeting_format != MeetingPage.Format.ONLINE else None,
        "booking_closes_at": uk_datetime(day - timedelta(days=2), time(17, 0)),
        "agenda": agenda_for(theme, every_meeting["agenda"]),
        "access_information": markdown_html(every_meeting["access_information"]),
        "notes": "",
        "stories_presented": stream(),
    }
    if past:
        fields["notes"] = markdown_html(theme["notes"])
        fields["stories_presented"] = stream(
            (
                "story",
                {
                    "title": theme["story"]["title"],
                    "presenter": theme["story"]["presenter"],
                    "page": None,
                    "summary": every_meeting["story_summary"],
                },
            )
        )
    return fields


def load(context):
    home = context["home"]
    index = upsert_page_from_file(home, MeetingIndexPage, MEETINGS)
    every_meeting, themes = meeting_themes()
    past_days, upcoming_days = meeting_days(uk_today())
    for day in past_days + upcoming_days:
        upsert_page(
            index,
            MeetingPage,
            f"{day:%B-%Y}-meeting".lower(),
            **meeting_fields(day, theme_for(day, themes), every_meeting, past=day in past_days),
        )
    context["stdout"].write(
        f"Meetings: {len(past_days)} past and {len(upcoming_days)} upcoming at {page_url(index)}"
    )
    if past_days:
        latest_past = MeetingPage.objects.child_of(index).get(
            slug=f"{max(past_days):%B-%Y}-meeting".lower()
        )
        load_check_outs(latest_past)


def load_check_outs(meeting):
    """The latest past meeting's check-out answers (anonymous: no bookings behind them), once."""
    if meeting.check_out_answers.exists():
        return
    fields = {"listened", "learned", "connected", "will_try", "comment"}
    answers = read_records(CHECK_OUTS, fields)
    CheckOutAnswer.objects.bulk_create(
        CheckOutAnswer(meeting=meeting, answered_on=meeting.ends_at.date(), **answer)
        for answer in answers
    )
