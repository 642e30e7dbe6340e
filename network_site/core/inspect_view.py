"""Wagtail's inspect view (a record's details in the admin) with values a person reads: "Yes" and
"No" for true and false, and words for what is empty, never "True" or "None"."""

from wagtail.admin.views.generic import InspectView


class ReadableInspectView(InspectView):
    # What an empty field says; a view may name its own for some fields ("Not decided yet").
    empty_value = "Not given"
    empty_values: dict[str, str] = {}

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if value is None or value == "":
            return self.empty_values.get(field_name, self.empty_value)
        return value
