from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from network_site.membership.personal_data import register

        from .booking import erase_member_bookings, export_member_bookings
        from .models import Booking

        register(
            "meeting_bookings",
            export=export_member_bookings,
            erase=erase_member_bookings,
            models=[Booking],
        )
