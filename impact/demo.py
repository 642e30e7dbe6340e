"""Demo content: the coordinators' words for each section of the impact report, for the default
period (the twelve months up to the day the demo is loaded). Loading twice gives the same words."""

from .models import SectionText
from .report import default_period

WORDS = {
    "members": (
        "Most of the people who joined this year work in health and social care, but carers and"
        " people with lived experience are a growing share of the network.\n\n"
        "We still hear little from the islands: next year we will hold one meeting online at a"
        " time that suits people working shifts there."
    ),
    "joiners_leavers": (
        "Joining stays steady from quarter to quarter. Few people leave; those who told us why"
        " mostly had moved to work outside Scotland."
    ),
    "meetings": (
        "Online meetings fill up sooner than those in a room. Keeping a waiting list meant that"
        " places given back were taken up again the same week."
    ),
    "stories": (
        "Members shared more stories after each quarterly meeting than between them: hearing"
        " practice described aloud seems to make people want to write theirs down."
    ),
    "resources": (
        "The booklet and the Carers Act guide are still what people come back to most, so we"
        " will keep both under review twice a year."
    ),
}


def load(context):
    period = default_period()
    for section, text in WORDS.items():
        SectionText.objects.update_or_create(
            section=section, start=period.start, end=period.end, defaults={"text": text}
        )
    context["stdout"].write(
        f"Impact report: the coordinators' words for {period.start} to {period.end}"
    )
