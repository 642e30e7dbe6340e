from django import forms
from taggit.models import Tag

from network_site.core.forms import SectorField

from . import kinds, targets
from .models import EmailPreferences

# The largest id a follow can store (a bigger number is bad input, not a database error).
LARGEST_ID = 2**63 - 1


class TargetForm(forms.Form):
    """What to follow or unfollow: a kind of thing and its id, checked against what this member
    may see."""

    target_type = forms.ChoiceField(choices=())
    target_id = forms.IntegerField(min_value=1, max_value=LARGEST_ID)
    next = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.followables = targets.registered()
        self.fields["target_type"].choices = [(key, key) for key in self.followables]

    def clean(self):
        cleaned = super().clean()
        followable = self.followables.get(cleaned.get("target_type"))
        target_id = cleaned.get("target_id")
        if followable is None or target_id is None:
            return cleaned
        target = followable.visible(self.user).filter(pk=target_id).first()
        if target is None:
            raise forms.ValidationError("That is not something you can follow.")
        cleaned["target"] = target
        return cleaned


class ThemeField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Tag.objects.none(), to_field_name="slug", **kwargs)

    def label_from_instance(self, obj):
        return obj.name


class FollowThemeForm(forms.Form):
    theme = ThemeField(label="Follow a theme", empty_label="Choose a theme")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read per request: which themes are in use changes with the pages.
        self.fields["theme"].queryset = targets.themes_in_use()
        self.fields["theme"].error_messages["required"] = "Choose a theme to follow"
        self.fields["theme"].error_messages["invalid_choice"] = "Choose a theme from the list"


class FollowSectorForm(forms.Form):
    sector = SectorField(label="Follow a sector", empty_label="Choose a sector")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].error_messages["required"] = "Choose a sector to follow"
        self.fields["sector"].error_messages["invalid_choice"] = "Choose a sector from the list"


class EmailPreferencesForm(forms.ModelForm):
    class Meta:
        model = EmailPreferences
        fields = list(kinds.KINDS)
        widgets = dict.fromkeys(kinds.KINDS, forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds.KINDS:
            self.fields[kind].choices = kinds.Frequency.choices
            self.fields[kind].error_messages["required"] = "Choose how often"
            self.fields[kind].error_messages["invalid_choice"] = "Choose one of the options"


class EmailChoiceForm(forms.Form):
    """One click from an email: a new frequency for every kind the email carried."""

    frequency = forms.ChoiceField(choices=kinds.Frequency.choices)
