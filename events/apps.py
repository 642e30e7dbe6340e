from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from wagtail.signals import page_published

        from .booking import offer_places_after_publishing
        from .mailing import announce_after_publishing
        from .models import MeetingPage

        page_published.connect(offer_places_after_publishing, sender=MeetingPage)
        page_published.connect(announce_after_publishing, sender=MeetingPage)
