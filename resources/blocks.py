"""Blocks for the booklet and the Carers Act guide, on top of the site's shared stream blocks."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from network_site.core.blocks import RICH_TEXT_FEATURES, BaseStreamBlock


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=40, help_text="For example “788,000” or “1 April 2018”.")
    description = blocks.CharBlock(max_length=200)


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=200, default="Key figures")
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1)
    source = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "table"
        template = "pages/resources/blocks/key_figures.html"


class ReflectionPromptBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300)
    guidance = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        help_text="Shown when the reader opens the prompt: things to consider, not a right answer.",
    )


class ReflectionPromptsBlock(blocks.StructBlock):
    """Questions for practitioners to think over; each opens without JavaScript (details)."""

    heading = blocks.CharBlock(max_length=200, default="Reflect on your practice")
    prompts = blocks.ListBlock(ReflectionPromptBlock(), min_num=1)

    class Meta:
        icon = "help"
        template = "pages/resources/blocks/reflection_prompts.html"


class PublicationStreamBlock(BaseStreamBlock):
    """The booklet's and the guide's body: the shared blocks plus figures and reflection prompts."""

    key_figures = KeyFiguresBlock()
    reflection_prompts = ReflectionPromptsBlock()


class AnswerOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    is_correct = blocks.BooleanBlock(required=False)


class SelfCheckQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300)
    options = blocks.ListBlock(AnswerOptionBlock(), min_num=2, max_num=6)
    explanation = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, help_text="Why the right answer is right."
    )

    class Meta:
        icon = "help"

    def clean(self, value):
        value = super().clean(value)
        correct = [option for option in value["options"] if option["is_correct"]]
        if len(correct) != 1:
            raise StructBlockValidationError(
                block_errors={"options": ValidationError("Mark exactly one option as correct.")}
            )
        return value


class SelfCheckStreamBlock(blocks.StreamBlock):
    question = SelfCheckQuestionBlock()
