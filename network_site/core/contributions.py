"""What members write for each other, and who hears of it.

The app that stores a contribution (a response, a reply, a question, an answer, a story's update,
a "what I tried") sends `contribution_published` once, when the contribution becomes visible to
members: at once, or when a moderator approves it. The app that keeps who follows what listens and
tells the people who follow what the contribution is about. Neither imports the other.
"""

from django.dispatch import Signal

RESPONSE = "response"
REPLY = "reply"
QUESTION = "question"
ANSWER = "answer"
STORY_UPDATE = "story_update"
WHAT_I_TRIED = "what_i_tried"
KINDS = (RESPONSE, REPLY, QUESTION, ANSWER, STORY_UPDATE, WHAT_I_TRIED)

# Keyword arguments, all given:
#   kind: one of KINDS
#   item: the contribution (str(item) is its title or first words; item.get_absolute_url() its address)
#   author: the User who wrote it
#   about: what it belongs to (a Page, or a question for an answer)
#   reply_to: the User whose contribution this one answers or replies to, else None
#   themes: the tag slugs of what it is about (a list, maybe empty)
#   sectors: the Sector snippets of what it is about (a list, maybe empty)
contribution_published = Signal()
