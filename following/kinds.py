"""The kinds of news a member hears of, and how often each may come by email."""

from django.db import models

RESPONSES_TO_MY_STORY = "responses_to_my_story"
REPLIES_TO_ME = "replies_to_me"
THEMES = "themes"
SECTOR_QUESTIONS = "sector_questions"
MEETINGS = "meetings"
FOLLOWED = "followed"

# Each kind: what the account page and the emails call it.
KINDS = {
    RESPONSES_TO_MY_STORY: "Responses to my stories",
    REPLIES_TO_ME: "Replies to me",
    THEMES: "New stories and resources in the themes I follow",
    SECTOR_QUESTIONS: "Questions in my sectors",
    MEETINGS: "Meetings I follow: agenda, notes and new meetings",
    FOLLOWED: "Other news in what I follow (responses, answers, updates)",
}
KIND_CHOICES = list(KINDS.items())


class Frequency(models.TextChoices):
    NEVER = "never", "Never"
    AT_ONCE = "at_once", "At once"
    DAILY = "daily", "A daily digest"
    WEEKLY = "weekly", "A weekly digest"


DIGESTS = (Frequency.DAILY, Frequency.WEEKLY)
