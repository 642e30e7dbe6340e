"""The events app's section for the home page: the next meeting (see core's home_sections)."""

from .models import MeetingPage, upcoming


def next_meeting_section(request):
    meeting = upcoming(MeetingPage.objects.live().public()).first()
    return {"meeting": meeting} if meeting else None
