from django import forms
from django.utils.text import slugify

from network_site.core.forms import SectorsField
from network_site.core.images import CheckedImageField

from . import choices
from .identifying import find_identifying_details
from .models import StoryPage

MAX_SECTION_LENGTH = 6000
MAX_FREE_THEMES = 5
MAX_THEME_LENGTH = 40

SAVE_DRAFT = "save"
SUBMIT = "submit"

# Fields a submitted story must have; a draft needs only its title.
REQUIRED_TO_SUBMIT = {
    "summary": "Enter a summary of one or two sentences",
    "what_mattered": "Say what mattered to the person or carer",
    "what_we_did": "Say what you did together",
    "helped_and_hindered": "Say what helped and what got in the way",
    "what_changed": "Say what changed",
    "what_i_learned": "Say what you learned",
    "perspective": "Choose the perspective you are writing from",
    "sectors": "Choose at least one sector",
}


def text_area(rows=5):
    return forms.Textarea(attrs={"rows": rows})


class StoryForm(forms.Form):
    """The member's story: the personal outcomes structure, then consent, credit and audience."""

    title = forms.CharField(
        max_length=120, error_messages={"required": "Enter a title for your story"}
    )
    summary = forms.CharField(
        help_text="One or two sentences that tell readers what the story is about.",
        required=False,
        max_length=400,
        widget=text_area(3),
    )
    what_mattered = forms.CharField(
        label="What mattered to the person (or carer)",
        help_text="In their words if you can. Leave out names and anything that could identify them.",
        required=False,
        max_length=MAX_SECTION_LENGTH,
        widget=text_area(),
    )
    what_we_did = forms.CharField(
        label="What we did together",
        required=False,
        max_length=MAX_SECTION_LENGTH,
        widget=text_area(),
    )
    helped_and_hindered = forms.CharField(
        label="What helped and what got in the way",
        required=False,
        max_length=MAX_SECTION_LENGTH,
        widget=text_area(),
    )
    what_changed = forms.CharField(
        label="What changed", required=False, max_length=MAX_SECTION_LENGTH, widget=text_area()
    )
    what_i_learned = forms.CharField(
        label="What I learned", required=False, max_length=MAX_SECTION_LENGTH, widget=text_area()
    )
    perspective = forms.ChoiceField(
        label="I am writing as",
        choices=choices.PERSPECTIVES,
        required=False,
        widget=forms.RadioSelect,
    )
    sectors = SectorsField(required=False)
    council_area = forms.ChoiceField(
        label="Council area (optional)",
        choices=[("", "Not given")] + choices.COUNCIL_AREAS,
        required=False,
    )
    themes = forms.MultipleChoiceField(
        choices=[(name, name) for name in choices.CURATED_THEMES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_themes = forms.CharField(
        label="Other themes (optional)",
        help_text=f"Up to {MAX_FREE_THEMES}, separated by commas.",
        required=False,
        max_length=300,
    )
    image = CheckedImageField(label="Image (optional)", required=False)
    image_alt_text = forms.CharField(
        label="Describe the image",
        help_text="For people who cannot see it. Needed when you add an image.",
        required=False,
        max_length=250,
    )
    consent_confirmed = forms.BooleanField(
        label="The people in this story agreed to it being shared, or cannot be identified from it",
        required=False,
    )
    may_be_quoted = forms.BooleanField(
        label="The network may quote my story's summary in its briefings",
        help_text="Briefings go to people who plan and fund support. You can change your mind "
        "at any time by editing your story.",
        required=False,
    )
    credit = forms.ChoiceField(
        label="How should we credit you?",
        choices=choices.CREDIT_CHOICES,
        initial=choices.CREDIT_ANONYMOUS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how we should credit you"},
    )
    credit_name = forms.CharField(label="Your name", required=False, max_length=150)
    credit_role = forms.CharField(label="Your role", required=False, max_length=150)
    credit_organisation = forms.CharField(label="Your organisation", required=False, max_length=150)
    audience = forms.ChoiceField(
        label="Who can read it?",
        choices=choices.AUDIENCE_CHOICES,
        initial=choices.AUDIENCE_PUBLIC,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who can read your story"},
    )
    details_checked = forms.BooleanField(
        label="I have checked the details listed above: none of them identifies a real person "
        "without their agreement",
        required=False,
    )

    def __init__(self, *args, action=SAVE_DRAFT, has_image=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.has_image = has_image
        self.identifying_details = []

    @classmethod
    def initial_from_story(cls, story):
        curated = set(choices.CURATED_THEMES)
        themes = [tag.name for tag in story.tags.all()]
        return {
            **{name: getattr(story, name) for name in cls.story_field_names()},
            "sectors": [sector.slug for sector in story.sectors.all()],
            "themes": [name for name in themes if name in curated],
            "other_themes": ", ".join(name for name in themes if name not in curated),
        }

    @staticmethod
    def story_field_names():
        return [
            "title",
            "summary",
            "what_mattered",
            "what_we_did",
            "helped_and_hindered",
            "what_changed",
            "what_i_learned",
            "perspective",
            "council_area",
            "image_alt_text",
            "consent_confirmed",
            "may_be_quoted",
            "credit",
            "credit_name",
            "credit_role",
            "credit_organisation",
            "audience",
        ]

    def clean_other_themes(self):
        names = [name.strip() for name in self.cleaned_data["other_themes"].split(",")]
        names = [name for name in names if name]
        if len(names) > MAX_FREE_THEMES:
            raise forms.ValidationError(f"Give at most {MAX_FREE_THEMES} other themes")
        for name in names:
            if len(name) > MAX_THEME_LENGTH or not slugify(name):
                raise forms.ValidationError(
                    f"Each theme needs letters or numbers and at most {MAX_THEME_LENGTH} characters"
                )
        return names

    def clean(self):
        cleaned = super().clean()
        # A new upload, one kept from a refused try, or the one the draft already has.
        has_image = cleaned.get("image") or self.data.get("kept_image") or self.has_image
        if has_image and not cleaned.get("image_alt_text", "").strip():
            self.add_error("image_alt_text", "Describe the image for people who cannot see it")
        credit = cleaned.get("credit")
        if credit == choices.CREDIT_NAME and not cleaned.get("credit_name", "").strip():
            self.add_error("credit_name", "Enter the name to credit, or choose another credit")
        if credit == choices.CREDIT_ROLE and not cleaned.get("credit_role", "").strip():
            self.add_error("credit_role", "Enter your role, or choose another credit")

        self.identifying_details = find_identifying_details(
            [
                (
                    name,
                    self.fields[name].label or name.replace("_", " ").capitalize(),
                    cleaned.get(name, ""),
                )
                for name in [
                    "title",
                    "summary",
                    *[n for n, _ in StoryPage.SECTIONS],
                    "image_alt_text",
                ]
            ]
        )
        if self.action == SUBMIT:
            for name, message in REQUIRED_TO_SUBMIT.items():
                if name in cleaned and not cleaned[name]:
                    self.add_error(name, message)
            if not cleaned.get("consent_confirmed"):
                self.add_error(
                    "consent_confirmed",
                    "Confirm that the people in the story agreed or cannot be identified",
                )
            if self.identifying_details and not cleaned.get("details_checked"):
                self.add_error(
                    "details_checked",
                    "Remove the details listed in the warnings, or confirm you have checked them",
                )
        return cleaned

    def add_model_errors(self, error):
        """The story model's own checks (they run while a revision is saved), as form errors: on
        the field they name when the form has it, else for the whole form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)

    def apply_to(self, story):
        """Copies the cleaned answers onto `story`; the image is saved by the caller."""
        for name in self.story_field_names():
            setattr(story, name, self.cleaned_data[name])
        story.sectors = list(self.cleaned_data["sectors"])
        story.tags.set(
            [*self.cleaned_data["themes"], *self.cleaned_data["other_themes"]], clear=True
        )
        story.search_description = self.cleaned_data["summary"]
