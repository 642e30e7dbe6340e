from wagtail.admin.panels import Panel


class BookingsPanel(Panel):
    """Who is coming and who is waiting, on the meeting's own edit screen."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/panels/bookings.html"

        def get_context_data(self, parent_context=None):
            from .admin_views import meeting_bookings

            context = super().get_context_data(parent_context)
            meeting = self.instance
            if meeting.pk is None:
                context["unsaved"] = True
                return context
            attending, offered, waiting = meeting_bookings(meeting)
            context.update(
                {"meeting": meeting, "attending": attending, "offered": offered, "waiting": waiting}
            )
            return context
