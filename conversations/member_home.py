"""The member home's "Questions waiting for an answer" section."""

from django.urls import reverse

from .listing import unanswered_questions


def section_context(request):
    return {
        "questions": unanswered_questions(),
        "index_url": reverse("conversations:questions"),
        "ask_url": reverse("conversations:ask"),
    }
