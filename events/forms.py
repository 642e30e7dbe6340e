from django import forms

from .models import Agreement, Booking, CheckOutAnswer

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


class CheckOutForm(forms.Form):
    """Four statements on a five-point scale and one free answer: nothing that names anyone."""

    comment = forms.CharField(
        label="Is there anything else you would like to tell us? (optional)",
        help_text=(
            "1000 characters at most. Please leave out names, yours included: answers are"
            " anonymous, and other members may read this one."
        ),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        statements = {}
        for name, label in CheckOutAnswer.STATEMENTS:
            statements[name] = forms.TypedChoiceField(
                label=label,
                choices=Agreement.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose how much you agree: “{label}”."},
            )
        # The statements first, then the free answer.
        self.fields = {**statements, "comment": self.fields["comment"]}

    def clean_comment(self):
        text = self.cleaned_data["comment"]
        return "".join(ch for ch in text if ch in "\t\n\r" or ch.isprintable()).strip()
