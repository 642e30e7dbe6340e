"""The members' side of stories: share, edit, list their own, withdraw. Routed by StoryIndexPage."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from network_site.membership.access import member_required

from .forms import SAVE_DRAFT, SUBMIT, StoryForm
from .models import StoryPage
from .uploads import save_upload
from .workflow import save_story, story_status, with_workflow_states
from .workflow import withdraw_story as withdraw


def own_story(index, user, story_id):
    """The member's own story under this index, else 404: another member's story is never shown."""
    story = index.all_stories().filter(pk=story_id, owner=user).first()
    if story is None:
        raise Http404("No such story")
    return story


def save_uploaded_image(form, user):
    upload = form.cleaned_data.get("image")
    if not upload:
        return None
    return save_upload(upload, title=form.cleaned_data["image_alt_text"], user=user)


def story_form_response(request, index, form, story=None, status=None):
    details = (
        form.identifying_details
        if form.is_bound
        else (story.identifying_details() if story else [])
    )
    return TemplateResponse(
        request,
        "pages/stories/story_form.html",
        {
            "page": index,
            "form": form,
            "story": story,
            "status": status,
            "identifying_details": details,
        },
    )


def handle_story_form(request, index, story=None):
    status = story_status(story) if story else None
    if request.method == "POST":
        action = SUBMIT if request.POST.get("action") == SUBMIT else SAVE_DRAFT
        form = StoryForm(request.POST, request.FILES, action=action)
        if form.is_valid():
            with transaction.atomic():
                draft = story.get_latest_revision_as_object() if story else StoryPage()
                form.apply_to(draft)
                image = save_uploaded_image(form, request.user)
                if image is not None:
                    draft.image = image
                saved = save_story(index, draft, request.user, submit=action == SUBMIT)
            if action == SUBMIT:
                messages.success(
                    request,
                    f"Thank you. “{saved.draft_title}” has gone to the moderators; "
                    "we will email you when they have read it.",
                )
                return redirect(index.my_stories_url)
            messages.success(request, f"Your draft “{saved.draft_title}” is saved.")
            return redirect(index.subpage_url("edit_story", saved.pk))
    elif story is not None:
        form = StoryForm(
            initial=StoryForm.initial_from_story(story.get_latest_revision_as_object())
        )
    else:
        form = StoryForm(initial={"credit_name": request.user.get_full_name()})
    return story_form_response(request, index, form, story, status)


@member_required
@require_http_methods(["GET", "POST"])
def share_story(request, index):
    return handle_story_form(request, index)


@member_required
@require_http_methods(["GET", "POST"])
def edit_story(request, index, story_id):
    story = own_story(index, request.user, story_id)
    if not story_status(story).can_edit:
        messages.info(
            request, "This story cannot be changed while it is in moderation or published."
        )
        return redirect(index.my_stories_url)
    return handle_story_form(request, index, story)


@member_required
def my_stories(request, index):
    stories = with_workflow_states(
        index.all_stories()
        .filter(owner=request.user)
        .order_by("-latest_revision_created_at", "-pk")
    )
    rows = [
        (
            story,
            story_status(story),
            index.subpage_url("edit_story", story.pk),
            index.subpage_url("withdraw_story", story.pk),
        )
        for story in stories
    ]
    return TemplateResponse(request, "pages/stories/my_stories.html", {"page": index, "rows": rows})


@member_required
@require_http_methods(["GET", "POST"])
def withdraw_story(request, index, story_id):
    story = own_story(index, request.user, story_id)
    if not story_status(story).can_withdraw:
        raise Http404("Only a published story can be withdrawn")
    if request.method == "POST":
        withdraw(story, request.user)
        messages.success(request, f"“{story.title}” is withdrawn and no longer on the site.")
        return redirect(index.my_stories_url)
    return TemplateResponse(
        request, "pages/stories/withdraw_story.html", {"page": index, "story": story}
    )
