"""Content blocks shared by every page type with a free-form body."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from . import home_sections

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Level 2"), ("h3", "Level 3"), ("h4", "Level 4")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        required=True,
        help_text="Describe the image for people who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")
    button_label = blocks.CharBlock(max_length=60)

    class Meta:
        icon = "pick"
        template = "components/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or give a web address.")}
            )
        return value


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    label = blocks.CharBlock(required=False, max_length=200, help_text="Defaults to the title.")

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document_link.html"


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "components/blocks/accordion.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, template="components/blocks/rich_text.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document_link = DocumentLinkBlock()
    accordion = AccordionBlock()


class SiteSectionBlock(blocks.StructBlock):
    """A section an app provides (the next meeting, the latest stories, how to join): see home_sections."""

    section = blocks.ChoiceBlock(choices=home_sections.choices)
    heading = blocks.CharBlock(
        required=False, max_length=120, help_text="Leave empty for the section's usual heading."
    )

    class Meta:
        icon = "site"
        label = "Section from the site"
        template = "components/blocks/site_section.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        section = home_sections.get(value["section"])
        request = (parent_context or {}).get("request")
        section_context = section.get_context(request) if section else None
        context["section"] = section if section_context is not None else None
        if section_context is not None:
            context.update(section_context)
            context["heading"] = value["heading"] or section.default_heading
        return context


class PageCardBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock()
    summary = blocks.TextBlock(
        required=False,
        max_length=300,
        help_text="Leave empty to use the page's search description or introduction.",
    )


class PageCardsBlock(blocks.StructBlock):
    """A heading and a grid of pages, each with a line or two about it (the guides, the library)."""

    heading = blocks.CharBlock(max_length=120)
    cards = blocks.ListBlock(PageCardBlock(), min_num=1)

    class Meta:
        icon = "grip"
        label = "Pages as cards"
        template = "components/blocks/page_cards.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        chosen = [
            (card["page"], card["summary"])
            for card in value["cards"]
            if card["page"] is not None and card["page"].live
        ]
        # A summary left empty is the page's own.
        context["cards"] = [
            {"page": page, "summary": summary or page_summary(page)} for page, summary in chosen
        ]
        return context


def page_summary(page):
    """A line about a page for a card or a search result: its search description or introduction."""
    specific = page.specific_deferred
    return (
        page.search_description
        or getattr(specific, "introduction", "")
        or getattr(specific, "summary", "")
    )


class HomeStreamBlock(BaseStreamBlock):
    """The home page's body: the shared blocks, plus sections from the apps and cards of pages."""

    site_section = SiteSectionBlock()
    page_cards = PageCardsBlock()


class NavigationItemBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=20, help_text="Short: one or two words.")
    page = blocks.PageChooserBlock()
    also_for = blocks.ListBlock(
        blocks.PageChooserBlock(),
        default=[],
        label="Also highlighted on",
        help_text="Other pages that belong under this item, such as the booklet under Resources.",
    )

    class Meta:
        icon = "link"
