"""The members' side of ripples: a teller's update, a member's "what I tried", and the choice to
be asked what happened next."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from network_site.membership.access import member_required
from stories.models import HelpedMark, StoryPage, stories_visible_to

from .forms import AskingChoiceForm, StoryUpdateForm, WhatITriedForm
from .models import AskingChoice, Moderation, StoryUpdate, WhatITried


def visible_story(request, story_id):
    """A live story this member may read, else 404."""
    story = stories_visible_to(request).filter(pk=story_id).first()
    if story is None:
        raise Http404("No such story")
    return story


@member_required
@require_http_methods(["GET", "POST"])
def write_update(request, story_id):
    story = visible_story(request, story_id)
    if story.owner_id != request.user.pk:
        # Only the teller writes what happened next.
        raise Http404("No such story of yours")
    waiting = StoryUpdate.objects.filter(
        story=story, author=request.user, status=Moderation.PENDING
    ).exists()
    form = StoryUpdateForm(request.POST if request.method == "POST" and not waiting else None)
    if form.is_bound and form.is_valid():
        update = form.save(commit=False)
        update.story, update.author = story, request.user
        update.save()
        messages.success(
            request, "Thank you. A moderator will read your update before it is shown."
        )
        return redirect(story.url + "#ripples")
    context = {
        "story": story,
        "form": form,
        "closed": waiting,
        "heading": "What happened next?",
        "back_link": "Back to your story",
    }
    return TemplateResponse(request, "pages/ripples/update_form.html", context)


@member_required
@require_http_methods(["GET", "POST"])
def write_what_i_tried(request, story_id):
    story = visible_story(request, story_id)
    if not HelpedMark.objects.filter(story=story, user=request.user).exists():
        context = {"story": story}
        return TemplateResponse(
            request, "pages/ripples/mark_helped_first.html", context, status=403
        )
    written = WhatITried.objects.filter(story=story, author=request.user).first()
    form = WhatITriedForm(request.POST if request.method == "POST" and not written else None)
    if form.is_bound and form.is_valid():
        tried = form.save(commit=False)
        tried.story, tried.author = story, request.user
        tried.save()
        messages.success(request, "Thank you. A moderator will read it before it is shown.")
        return redirect(story.url + "#ripples")
    context = {
        "story": story,
        "form": form,
        "closed": written,
        "heading": "What did you try?",
        "back_link": "Back to the story",
    }
    return TemplateResponse(request, "pages/ripples/tried_form.html", context)


@member_required
@require_http_methods(["GET", "POST"])
def asking_choice(request):
    choice = AskingChoice.objects.filter(user=request.user).first() or AskingChoice(
        user=request.user
    )
    form = AskingChoiceForm(request.POST if request.method == "POST" else None, instance=choice)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(
            request,
            "We will ask you what happened next."
            if choice.ask_me
            else "We will not email you to ask what happened next.",
        )
        return redirect("ripples_asking")
    stories = StoryPage.objects.live().filter(owner=request.user).order_by("-first_published_at")
    context = {"form": form, "stories": stories[:20]}
    return TemplateResponse(request, "pages/ripples/asking_choice.html", context)
