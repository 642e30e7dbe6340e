from wagtail.admin.panels import Panel


class IdentifyingDetailsPanel(Panel):
    """Shows the moderator the same identifying-detail warnings the teller saw."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/panels/identifying_details.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["details"] = self.instance.identifying_details()
            return context
