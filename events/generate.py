"""Generated meetings with bookings, for measuring the site at network scale
(`manage.py generate_network`): one a quarter going back from next year, most of them past."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.text import slugify

from network_site.core.bulk import Progress, bulk_add_children, bulk_index, taken_slugs
from network_site.core.demo import stream

from .models import Booking, CheckOutAnswer, CheckOutInvitation, MeetingIndexPage, MeetingPage

TOPICS = [
    "Carers' outcomes",
    "Recording what matters",
    "Housing and support together",
    "Young carers",
    "Self-directed support in practice",
    "Leaving hospital well",
]
BOOKINGS_PER_MEETING = 30
CHECK_OUT_ANSWERED = 0.65
# Mostly agreeing, as people who stay to the end tend to.
AGREEMENT_WEIGHTS = (2, 3, 3, 4, 4, 4, 4, 5, 5, 5)


def generate(context, count):
    rng, stdout = context["rng"], context["stdout"]
    index = MeetingIndexPage.objects.first()
    if index is None:
        stdout.write("Meetings: no meetings index, none generated")
        return
    slugs = taken_slugs(index)
    zone = timezone.get_current_timezone()
    first_day = timezone.now().date() + timedelta(days=120)
    meetings = []
    for number in range(count):
        day = first_day - timedelta(days=91 * number)
        topic = rng.choice(TOPICS)
        title = f"Network meeting, {day:%B %Y}: {topic}"
        slug = slugify(title)
        while slug in slugs:
            slug += "-x"
        slugs.add(slug)
        meetings.append(
            MeetingPage(
                title=title,
                slug=slug,
                introduction=f"A day on {topic.lower()}, with stories from members and time to talk.",
                starts_at=datetime.combine(day, time(10), zone),
                ends_at=datetime.combine(day, time(13), zone),
                format=MeetingPage.Format.IN_PERSON,
                venue_name="A community hall",
                address="1 High Street\nPerth",
                capacity=60,
                agenda=stream(
                    ("item", {"starts_at": "10:00", "title": "Welcome", "speakers": ""}),
                    ("item", {"starts_at": "10:15", "title": topic, "speakers": "Two members"}),
                    ("item", {"starts_at": "12:30", "title": "What we take away", "speakers": ""}),
                ),
            )
        )
    progress = Progress(stdout, "Meetings", count)
    bulk_add_children(index, meetings)
    progress.advance(count)
    members = context["member_ids"]
    Booking.objects.bulk_create(
        [
            Booking(meeting_id=meeting.pk, member_id=member, status=Booking.Status.ATTENDING)
            for meeting in meetings
            for member in rng.sample(members, min(BOOKINGS_PER_MEETING, len(members)))
        ],
        batch_size=1000,
    )
    bulk_index(MeetingPage, [meeting.pk for meeting in meetings])
    answers = generate_check_outs(rng, [m for m in meetings if m.ends_at <= timezone.now()])
    stdout.write(f"Meetings: {count} added, with bookings and {answers} check-out answers")


def generate_check_outs(rng, past_meetings):
    """About two in three who came to each past meeting answered its check-out."""
    bookings = Booking.objects.filter(
        meeting__in=past_meetings, status=Booking.Status.ATTENDING
    ).values_list("pk", "meeting_id", "meeting__ends_at")
    invitations, answers = [], []
    for booking_id, meeting_id, ends_at in bookings:
        answered = rng.random() < CHECK_OUT_ANSWERED
        invitations.append(
            CheckOutInvitation(booking_id=booking_id, sent_on=ends_at.date(), answered=answered)
        )
        if answered:
            answers.append(
                CheckOutAnswer(
                    meeting_id=meeting_id,
                    answered_on=ends_at.date() + timedelta(days=rng.randrange(3)),
                    **{
                        name: rng.choice(AGREEMENT_WEIGHTS) for name, _ in CheckOutAnswer.STATEMENTS
                    },
                )
            )
    CheckOutInvitation.objects.bulk_create(invitations, batch_size=1000)
    CheckOutAnswer.objects.bulk_create(answers, batch_size=1000)
    return len(answers)
