from django import template

from events.models import MeetingPage, upcoming

register = template.Library()


@register.inclusion_tag("pages/events/next_meeting.html", takes_context=True)
def next_meeting(context):
    """The next meeting that has not yet ended, for the home page."""
    meeting = upcoming(MeetingPage.objects.live().public()).first()
    return {"meeting": meeting, "request": context.get("request")}
