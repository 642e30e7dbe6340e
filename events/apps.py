from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from wagtail.signals import page_published

        from network_site.core import home_sections
        from network_site.core.bulk import register_generator
        from network_site.core.demo import register_demo_content
        from network_site.membership.member_page import register_news, register_section
        from network_site.membership.personal_data import register
        from network_site.membership.services import register_next_meeting

        from . import member_home
        from .booking import (
            erase_member_bookings,
            export_member_bookings,
            offer_places_after_publishing,
        )
        from .home import next_meeting_section
        from .mailing import announce_after_publishing
        from .models import Booking, MeetingPage, next_public_meeting

        page_published.connect(offer_places_after_publishing, sender=MeetingPage)
        home_sections.register(
            "next_meeting",
            label="The next meeting",
            template="pages/events/home_next_meeting.html",
            get_context=next_meeting_section,
            default_heading="Next meeting",
        )
        page_published.connect(announce_after_publishing, sender=MeetingPage)

        from network_site.core import schedule

        schedule.register(
            "send_meeting_reminders",
            schedule.DAILY,
            "Reminds each member coming to a meeting tomorrow, with the joining link if online.",
        )
        schedule.register(
            "expire_place_offers",
            schedule.HOURLY,
            "Gives a place offered from the waiting list and not taken up to the next person.",
        )
        schedule.register(
            "purge_access_needs",
            schedule.DAILY,
            "Deletes access needs given for meetings that ended over the retention period ago.",
        )

        register(
            "meeting_bookings",
            export=export_member_bookings,
            erase=erase_member_bookings,
            models=[Booking],
        )
        register_demo_content(self.label, f"{self.name}.demo.load")
        register_generator("meetings", f"{self.name}.generate.generate", 40, order=50)
        # The member's own page: their places, and new meetings in "what is new" and the digest.
        register_section(
            "meetings",
            template="pages/events/home_section.html",
            context=member_home.section_context,
            order=20,
        )
        register_news(MeetingPage, "Meetings")
        register_next_meeting(next_public_meeting)
