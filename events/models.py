import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from network_site.core.blocks import RICH_TEXT_FEATURES, DocumentLinkBlock
from network_site.core.index_pages import SectionIndexPage
from network_site.core.pages import SitePage
from network_site.core.search import summary_search_fields

from . import times
from .blocks import AgendaBlock, StoriesPresentedBlock
from .panels import BookingsPanel

PAST_MEETINGS_PER_PAGE = 10


class MeetingIndexPage(SectionIndexPage):
    """The network's quarterly meetings: upcoming ones first, then what happened at past ones."""

    # What site search calls this kind of page.
    search_result_label = "Meetings"

    subpage_types = ["events.MeetingPage"]
    template = "pages/events/meeting_index_page.html"

    def meetings(self):
        return MeetingPage.objects.child_of(self).live().public()

    def upcoming_meetings(self, now=None):
        return upcoming(self.meetings(), now)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["upcoming_meetings"] = list(self.upcoming_meetings(now))
        context["past_meetings"] = Paginator(
            past(self.meetings(), now), PAST_MEETINGS_PER_PAGE
        ).get_page(request.GET.get("page"))
        return context

    @path("calendar/", name="calendar_feed")
    def calendar_feed(self, request):
        from .calendar import meetings_calendar_response

        # The public feed: never anyone's joining link, whoever asks for it.
        return meetings_calendar_response(
            list(self.upcoming_meetings()), filename="network-meetings.ics", name=self.title
        )


def upcoming(meetings, now=None):
    """Meetings that have not yet ended: one under way counts as upcoming until it finishes."""
    return meetings.filter(ends_at__gt=now or timezone.now()).order_by("starts_at", "pk")


def next_public_meeting():
    """The next meeting anyone may see that has not yet ended, or None."""
    return upcoming(MeetingPage.objects.live().public()).first()


def past(meetings, now=None):
    return meetings.filter(ends_at__lte=now or timezone.now()).order_by("-starts_at", "-pk")


class MeetingPage(RoutablePageMixin, SitePage):
    """One quarterly meeting: before it, what and where; after it, what happened."""

    # What site search calls this kind of page.
    search_result_label = "Meeting"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"
        HYBRID = "hybrid", "Hybrid (in person and online)"

    introduction = models.TextField(blank=True, help_text="What this meeting is about.")
    starts_at = models.DateTimeField("starts", help_text="UK time.")
    ends_at = models.DateTimeField("ends", help_text="UK time.")
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    venue_name = models.CharField("venue", max_length=200, blank=True)
    address = models.TextField(blank=True)
    # Members-only: never in search_fields, api_fields, feeds or the public page.
    joining_link = models.URLField(
        "online joining link",
        blank=True,
        help_text="Shown only to members who are coming, and sent in their reminder.",
    )
    agenda = StreamField(AgendaBlock(), blank=True)
    papers = StreamField([("document", DocumentLinkBlock())], blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit."
    )
    booking_closes_at = models.DateTimeField(
        "booking closes", null=True, blank=True, help_text="UK time. Empty: when it starts."
    )
    access_information = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    notes = RichTextField(blank=True, features=RICH_TEXT_FEATURES, help_text="After the meeting.")
    recording_url = models.URLField("recording", blank=True)
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stories_presented = StreamField(StoriesPresentedBlock(), blank=True)

    parent_page_types = ["events.MeetingIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("format"),
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("joining_link"),
            ],
            heading="When and where",
        ),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("booking_closes_at")], heading="Booking"
        ),
        BookingsPanel(heading="Who is coming"),
        FieldPanel("agenda"),
        FieldPanel("papers"),
        FieldPanel("access_information"),
        MultiFieldPanel(
            [
                FieldPanel("notes"),
                FieldPanel("recording_url"),
                FieldPanel("slides"),
                FieldPanel("stories_presented"),
            ],
            heading="After the meeting",
        ),
    ]
    search_fields = Page.search_fields + [
        *summary_search_fields("introduction"),
        index.SearchField("venue_name"),
        index.SearchField("address"),
        index.SearchField("agenda"),
        index.SearchField("notes"),
        index.FilterField("starts_at"),
        index.FilterField("ends_at"),
    ]
    template = "pages/events/meeting_page.html"

    class Meta:
        verbose_name = "meeting"

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The meeting must end after it starts."
        if self.booking_closes_at and self.starts_at and self.booking_closes_at > self.starts_at:
            errors["booking_closes_at"] = "Booking must close before the meeting starts."
        if errors:
            raise ValidationError(errors)

    # When

    @property
    def date_display(self):
        return times.format_date(self.starts_at)

    @property
    def time_display(self):
        return times.format_time_range(self.starts_at, self.ends_at)

    def has_ended(self, now=None):
        return self.ends_at <= (now or timezone.now())

    def is_online(self):
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    def is_in_person(self):
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    # Booking

    @property
    def booking_deadline(self):
        return self.booking_closes_at or self.starts_at

    def booking_is_open(self, now=None):
        return (now or timezone.now()) < self.booking_deadline

    @cached_property
    def places_taken(self):
        """Places people are coming to, and places offered and held for someone."""
        return self.bookings.filter(status__in=Booking.HOLDING_A_PLACE).count()

    @property
    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.places_taken, 0)

    def is_full(self):
        return self.capacity is not None and self.places_left == 0

    def booking_for(self, user):
        if not user.is_authenticated:
            return None
        return self.bookings.filter(member=user).first()

    def can_see_joining_link(self, user, booking=None):
        """Members who are coming, and the people who can edit the meeting."""
        if not user.is_authenticated or not self.joining_link:
            return False
        from network_site.membership.access import is_member

        if booking is not None and booking.is_attending and is_member(user):
            return True
        return self.permissions_for_user(user).can_edit()

    def get_context(self, request, *args, **kwargs):
        from .views import meeting_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(meeting_page_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.user.is_authenticated:
            # A signed-in person's copy may hold their booking or the joining link: never shared.
            patch_cache_control(response, private=True, no_store=True)
        return response

    @path("book/", name="book")
    def book(self, request):
        from .views import book_meeting

        return book_meeting(request, self)

    @path("cancel/", name="cancel")
    def cancel(self, request):
        from .views import cancel_booking

        return cancel_booking(request, self)

    @path("accept/", name="accept_offer")
    def accept_offer(self, request):
        from .views import accept_offer

        return accept_offer(request, self)

    @path("check-out/<str:token>/", name="check_out")
    def check_out(self, request, token):
        from .views import check_out

        return check_out(request, self, token)

    @path("calendar/", name="calendar")
    def calendar(self, request):
        from .views import meeting_calendar

        return meeting_calendar(request, self)


class Booking(models.Model):
    """A member's place at a meeting, or their place on its waiting list."""

    class Status(models.TextChoices):
        ATTENDING = "attending", "Coming"
        OFFERED = "offered", "Offered a place"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    class AccessNeed(models.TextChoices):
        BSL = "bsl", "A British Sign Language interpreter"
        CAPTIONS = "captions", "Captions"
        STEP_FREE = "step_free", "Step-free access"
        DIETARY = "dietary", "Dietary needs"
        OTHER = "other", "Something else"

    HOLDING_A_PLACE = (Status.ATTENDING, Status.OFFERED)
    # Needs that only a room can meet: never asked about for an online meeting.
    IN_PERSON_NEEDS = (AccessNeed.STEP_FREE, AccessNeed.DIETARY)

    meeting = models.ForeignKey(MeetingPage, on_delete=models.CASCADE, related_name="bookings")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_bookings"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    access_needs = models.JSONField(default=list, blank=True)
    access_needs_details = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Order on the waiting list: first to join is first offered a place.
    waiting_since = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # A place offered from the waiting list is held until then, and passes on if not taken up.
    offer_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="events_booking_one_per_member"
            )
        ]
        indexes = [models.Index(fields=["meeting", "status", "waiting_since"])]

    def __str__(self):
        return f"{self.member} at {self.meeting}: {self.get_status_display()}"

    def save(self, *args, **kwargs):
        if self.status == self.Status.WAITING and self.waiting_since is None:
            self.waiting_since = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_attending(self):
        return self.status == self.Status.ATTENDING

    @property
    def is_waiting(self):
        return self.status == self.Status.WAITING

    @property
    def is_offered(self):
        return self.status == self.Status.OFFERED

    @property
    def access_needs_display(self):
        labels = dict(self.AccessNeed.choices)
        return [labels.get(code, code) for code in self.access_needs]


class AccessNeedsTally(models.Model):
    """How many people asked for each access need, kept after the details themselves are deleted."""

    meeting = models.OneToOneField(
        MeetingPage, on_delete=models.CASCADE, related_name="access_needs_tally"
    )
    counts = models.JSONField(default=dict)
    purged_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "access needs tallies"

    def __str__(self):
        return f"Access needs at {self.meeting}"

    def counts_display(self):
        labels = dict(Booking.AccessNeed.choices)
        return [(labels.get(code, code), count) for code, count in sorted(self.counts.items())]


class MeetingMailing(models.Model):
    """A meetings-mailing email that went out about a meeting: each kind goes once."""

    class Kind(models.TextChoices):
        ANNOUNCEMENT = "announcement", "Announcement"
        REMINDER = "reminder", "Reminder"

    meeting = models.ForeignKey(MeetingPage, on_delete=models.CASCADE, related_name="mailings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="events_mailing_once_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.meeting}"


# Check-outs: "How was the meeting for you?" Attendance is a booking still "Coming" when the
# meeting ends. The invitation says that a booking was asked and has answered; the answer holds
# no user, booking, token, address or time of day, so neither can be joined back to the other.


class CheckOutInvitation(models.Model):
    """That this booking was sent its check-out, and whether it has answered (never which answer)."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="check_out")
    sent_on = models.DateField()
    answered = models.BooleanField(default=False)

    def __str__(self):
        return f"Check-out for {self.booking}"


class Agreement(models.IntegerChoices):
    STRONGLY_DISAGREE = 1, "Strongly disagree"
    DISAGREE = 2, "Disagree"
    NEITHER = 3, "Neither agree nor disagree"
    AGREE = 4, "Agree"
    STRONGLY_AGREE = 5, "Strongly agree"


class CheckOutAnswer(models.Model):
    """One anonymous answer. A random key (no sequence that follows the order of answering) and
    the day only."""

    STATEMENTS = (
        ("listened", "I felt listened to"),
        ("learned", "I learned something I will use"),
        ("connected", "I feel more connected to others doing this work"),
        ("will_try", "I will try something new"),
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(
        MeetingPage, on_delete=models.CASCADE, related_name="check_out_answers"
    )
    answered_on = models.DateField()
    listened = models.PositiveSmallIntegerField(choices=Agreement.choices)
    learned = models.PositiveSmallIntegerField(choices=Agreement.choices)
    connected = models.PositiveSmallIntegerField(choices=Agreement.choices)
    will_try = models.PositiveSmallIntegerField(choices=Agreement.choices)
    comment = models.TextField(blank=True, max_length=1000)

    def __str__(self):
        return f"A check-out answer for {self.meeting}"
