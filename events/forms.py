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

    def clean(self):
        cleaned = super().clean()
        needs = set(cleaned.get("access_needs") or ())
        details = (cleaned.get("access_needs_details") or "").strip()
        if needs & NEEDS_THAT_NEED_DETAILS and not details and "access_needs_details" in cleaned:
            self.add_error(
                "access_needs_details",
                "Tell us what you need for dietary needs or something else.",
            )
        return cleaned
