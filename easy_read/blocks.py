from django.core.exceptions import ValidationError
from wagtail import blocks

from .pictures import PICTURES, picture_choices

# Easy Read keeps each step short: a sentence or two.
MAX_STEP_LENGTH = 200


class StepBlock(blocks.StructBlock):
    """One idea: a short sentence or two, and the picture that goes with it."""

    text = blocks.TextBlock(
        max_length=MAX_STEP_LENGTH,
        help_text="One idea in a short sentence or two, in plain words. Start a new line for each sentence.",
    )
    picture = blocks.ChoiceBlock(choices=picture_choices, help_text="The picture beside the words.")
    picture_description = blocks.CharBlock(
        required=False,
        max_length=150,
        help_text="What the picture shows, for people who cannot see it. Leave empty to use the picture's own description.",
    )

    class Meta:
        icon = "image"
        label = "Step"
        template = "easy_read/step.html"

    def clean(self, value):
        value = super().clean(value)
        if value["picture"] not in PICTURES:
            raise ValidationError("Choose one of the Easy Read pictures")
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        picture = PICTURES.get(value["picture"])
        context["picture"] = picture
        context["alt"] = value["picture_description"] or (picture.description if picture else "")
        context["lines"] = [line.strip() for line in value["text"].splitlines() if line.strip()]
        return context


class EasyReadStreamBlock(blocks.StreamBlock):
    step = StepBlock()
    heading = blocks.CharBlock(
        max_length=80, icon="title", label="Heading", template="easy_read/heading.html"
    )
