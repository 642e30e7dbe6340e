"""A story's ripples on its page: approved updates and "what I tried", their count, and for a
member the way to add their own."""

from django.urls import reverse

from network_site.membership.access import is_member

from .models import StoryUpdate, WhatITried


def ripples_context(story, request):
    updates = list(StoryUpdate.objects.approved().filter(story=story).order_by("approved_at", "pk"))
    tried = list(
        WhatITried.objects.approved()
        .filter(story=story)
        .select_related("author")
        .order_by("approved_at", "pk")
    )
    member = is_member(request.user)
    context = {
        "updates": updates,
        "tried": tried,
        "count": len(updates) + len(tried),
        "is_teller": member and story.owner_id == request.user.pk,
        "update_url": reverse("ripples_write_update", args=[story.pk]),
        "tried_url": reverse("ripples_write_tried", args=[story.pk]),
        "asking_url": reverse("ripples_asking"),
        "may_say_what_they_tried": False,
    }
    if member and story.owner_id != request.user.pk:
        helped = story.helped_marks.filter(user=request.user).exists()
        written = helped and WhatITried.objects.filter(story=story, author=request.user).exists()
        context["may_say_what_they_tried"] = helped and not written
    if not (context["count"] or context["is_teller"] or context["may_say_what_they_tried"]):
        return None
    return context
