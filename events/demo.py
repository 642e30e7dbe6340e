"""Demo meetings: the last four quarterly meetings, with notes, and the next two.

Dates are worked out from today's date (the second Wednesday of February, May, August and November),
so the split between past and upcoming stays right whenever the demo is loaded, and loading it twice
on the same day changes nothing.
"""

import calendar
from datetime import date, time, timedelta

from network_site.core.demo import rich_text, stream, upsert_page

from .models import MeetingIndexPage, MeetingPage
from .times import uk_datetime, uk_today

MEETING_MONTHS = (2, 5, 8, 11)
STARTS, ENDS = time(10, 0), time(12, 30)

# Themes in turn, one a quarter, so neighbouring meetings read differently.
THEMES = [
    {
        "topic": "Good conversations in busy services",
        "introduction": "How teams keep time for the conversation about what matters when the waiting list is long.",
        "format": MeetingPage.Format.IN_PERSON,
        "venue": ("Riverside Community Centre", "10 Water Lane\nPerth\nPH1 5AA"),
        "speaker": "a community nurse and a team leader from a home care service",
        "notes": (
            "Members compared the ways their teams protect time for a first conversation. Several "
            "now book it as a visit in its own right rather than squeezing it into an assessment.",
            "The group agreed to collect short examples of questions that open a conversation up, "
            "and to share them before the next meeting.",
        ),
        "story": ("Finding time to ask", "a home care organiser"),
    },
    {
        "topic": "Carers' own outcomes",
        "introduction": "Adult carer support plans and young carer statements that start from the carer's own life.",
        "format": MeetingPage.Format.ONLINE,
        "venue": ("", ""),
        "speaker": "a carers centre worker and a young carers' lead",
        "notes": (
            "We heard how one carers centre rewrote its support plan so that the first page is "
            "about the carer's life outside caring. Members discussed how to record outcomes "
            "that change over time without asking carers to repeat their story.",
            "A short list of plain-language prompts came out of the small-group discussion and "
            "has been added to the resource library.",
        ),
        "story": ("A plan that starts with the carer", "a carers centre worker"),
    },
    {
        "topic": "Outcomes in housing support",
        "introduction": "What a personal outcomes approach looks like when the service is a home.",
        "format": MeetingPage.Format.HYBRID,
        "venue": ("Network room, Kelvin House", "25 Example Street\nGlasgow\nG2 1AA"),
        "speaker": "a housing support manager and a tenant who co-chairs a tenants' panel",
        "notes": (
            "The discussion centred on tenancy sustainment: how support staff record what a tenant "
            "wants from their home, not only the risks to the tenancy.",
            "Members from health and social care said they would like more joint learning with "
            "housing colleagues; a joint session is being planned.",
        ),
        "story": ("Home, on my terms", "a tenancy support worker"),
    },
    {
        "topic": "Using outcomes information well",
        "introduction": "Turning what people tell us into learning for the organisation, without losing the person.",
        "format": MeetingPage.Format.ONLINE,
        "venue": ("", ""),
        "speaker": "an improvement adviser and a social work team manager",
        "notes": (
            "We looked at how outcomes recorded in conversations can be gathered up to inform "
            "service planning. The main caution: keep the person's own words alongside any "
            "numbers.",
            "Members shared reporting templates; those willing to have them published will send "
            "them to the coordinators.",
        ),
        "story": ("What the numbers did not say", "a social work team manager"),
    },
]


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


def theme_for(day):
    return THEMES[(day.year * 4 + MEETING_MONTHS.index(day.month)) % len(THEMES)]


def agenda_for(theme):
    return stream(
        ("item", {"starts_at": "10:00", "title": "Welcome and introductions", "speakers": ""}),
        ("item", {"starts_at": "10:15", "title": theme["topic"], "speakers": theme["speaker"]}),
        ("item", {"starts_at": "11:15", "title": "Break", "speakers": ""}),
        ("item", {"starts_at": "11:30", "title": "Stories from practice", "speakers": ""}),
        ("item", {"starts_at": "12:15", "title": "Network news and close", "speakers": ""}),
    )


def meeting_fields(day, theme, *, past):
    venue_name, address = theme["venue"]
    meeting_format = theme["format"]
    fields = {
        "title": f"Network meeting, {day:%B %Y}: {theme['topic']}",
        "introduction": theme["introduction"],
        "starts_at": uk_datetime(day, STARTS),
        "ends_at": uk_datetime(day, ENDS),
        "format": meeting_format,
        "venue_name": venue_name,
        "address": address,
        "joining_link": (
            f"https://meet.example.org/network-{day:%Y-%m}"
            if meeting_format != MeetingPage.Format.IN_PERSON
            else ""
        ),
        "capacity": 40 if meeting_format != MeetingPage.Format.ONLINE else None,
        "booking_closes_at": uk_datetime(day - timedelta(days=2), time(17, 0)),
        "agenda": agenda_for(theme),
        "access_information": rich_text(
            "Tell us what you need when you say you are coming: a British Sign Language "
            "interpreter, live captions, step-free access or anything else. Online sessions have "
            "automatic captions and the slides are sent out the day before."
        ),
        "notes": "",
        "stories_presented": stream(),
    }
    if past:
        fields["notes"] = rich_text(*theme["notes"])
        story_title, presenter = theme["story"]
        fields["stories_presented"] = stream(
            (
                "story",
                {
                    "title": story_title,
                    "presenter": presenter,
                    "page": None,
                    "summary": "Told at the meeting and discussed in small groups afterwards.",
                },
            )
        )
    return fields


def load(context):
    home = context["home"]
    index = upsert_page(
        home,
        MeetingIndexPage,
        "meetings",
        title="Network meetings",
        show_in_menus=True,
        introduction=(
            "The network meets four times a year, in person, online or both. Members can say "
            "they are coming; everyone can read what happened."
        ),
    )
    past_days, upcoming_days = meeting_days(uk_today())
    for day in past_days + upcoming_days:
        upsert_page(
            index,
            MeetingPage,
            f"{day:%B-%Y}-meeting".lower(),
            **meeting_fields(day, theme_for(day), past=day in past_days),
        )
    context["stdout"].write(
        f"Meetings: {len(past_days)} past and {len(upcoming_days)} upcoming under {index.url_path}"
    )
