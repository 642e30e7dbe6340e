"""Blocks for meeting pages: the agenda and the stories presented."""

from wagtail import blocks


class AgendaItemBlock(blocks.StructBlock):
    starts_at = blocks.TimeBlock(help_text="UK time, as people in the room will see it.")
    title = blocks.CharBlock(max_length=200)
    speakers = blocks.CharBlock(required=False, max_length=250, help_text="Names, and roles.")

    class Meta:
        icon = "time"
        template = "pages/events/blocks/agenda_item.html"


class AgendaBlock(blocks.StreamBlock):
    item = AgendaItemBlock()


class StoryPresentedBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    presenter = blocks.CharBlock(required=False, max_length=200)
    page = blocks.PageChooserBlock(required=False, help_text="The story's page, if it has one.")
    summary = blocks.TextBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "pages/events/blocks/story_presented.html"


class StoriesPresentedBlock(blocks.StreamBlock):
    story = StoryPresentedBlock()
