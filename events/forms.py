from django import forms

from .models import Booking

NEEDS_THAT_NEED_DETAILS = {Booking.AccessNeed.DIETARY, Booking.AccessNeed.OTHER}


class BookingForm(forms.Form):
    access_needs = forms.MultipleChoiceField(
        label="Do you need anything to take part? (optional)",
        choices=Booking.AccessNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    access_needs_details = forms.CharField(
        label="Tell us more (optional)",
        help_text="For dietary needs or something else, tell us what you need. 500 characters at most.",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None and not meeting.is_in_person():
            # Online only: no room, so no step-free access or food to ask about.
            self.fields["access_needs"].choices = [
                (value, label)
                for value, label in Booking.AccessNeed.choices
                if value not in Booking.IN_PERSON_NEEDS
            ]
            self.fields[
                "access_needs_details"
            ].help_text = "For something else, tell us what you need. 500 characters at most."

    def clean(self):
        cleaned = super().clean()
        needs = set(cleaned.get("access_needs") or ())
        details = (cleaned.get("access_needs_details") or "").strip()
        if needs & NEEDS_THAT_NEED_DETAILS and not details and "access_needs_details" in cleaned:
            self.add_error(
                "access_needs_details",
                "Tell us what you need"
                + (" for dietary needs or something else." if "dietary" in needs else "."),
            )
        return cleaned
