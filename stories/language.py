"""The language check on the share-a-story form (plain_language): advice beside each field of the
story's words. It advises and stores nothing; on submit it shows the advice once, and the member
sends the story as it is or changed."""

from plain_language.checker import check_fields

from .models import StoryPage

# The hidden field that says the member has seen the advice (the server showed it, or the script
# showed it as they typed): submitting again sends the story.
LANGUAGE_CHECKED = "language_checked"


def checked_field_names():
    return ["title", "summary", *[name for name, _ in StoryPage.SECTIONS]]


def story_language_advice(form):
    """{field name: FieldAdvice} for the story's words as the member wrote them (the form's data,
    or what it starts with)."""
    values = form.data if form.is_bound else form.initial
    fields = []
    for name in checked_field_names():
        value = values.get(name, "")
        fields.append(
            (name, form.fields[name].label or name, value if isinstance(value, str) else "")
        )
    return {advice.name: advice for advice in check_fields(fields)}


def has_findings(advice):
    return any(field_advice.findings for field_advice in advice.values())
