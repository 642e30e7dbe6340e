from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from wagtail.signals import page_published

        from network_site.core.page_cache import register_page_record

        from .booking import offer_places_after_publishing
        from .mailing import announce_after_publishing
        from .models import (
            AccessNeedsTally,
            Booking,
            MeetingMailing,
            MeetingPage,
        )

        page_published.connect(offer_places_after_publishing, sender=MeetingPage)
        # A booking changes the places left on its meeting's page and in the home page's next
        # meeting; the tally and the mailings' record show on no visitor's page.
        register_page_record(
            Booking,
            lambda booking: [
                (booking.meeting, True),
                (booking.meeting.get_site().root_page, False),
            ],
        )
        register_page_record(AccessNeedsTally, lambda tally: [])
        register_page_record(MeetingMailing, lambda mailing: [])
        page_published.connect(announce_after_publishing, sender=MeetingPage)
