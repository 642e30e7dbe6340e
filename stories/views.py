"""The members' side of stories: share, edit, list their own, withdraw. Routed by StoryIndexPage."""

from dataclasses import dataclass
from pathlib import PurePath

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from network_site.core.storage import STORAGE_ERRORS, log_storage_failure
from network_site.membership.access import member_required

from .forms import SAVE_DRAFT, SUBMIT, StoryForm
from .language import LANGUAGE_CHECKED, has_findings, story_language_advice
from .models import StoryPage
from .quoting import record_quote_choice
from .uploads import save_upload
from .workflow import save_story, story_status, with_workflow_states
from .workflow import withdraw_story as withdraw


def own_story(index, user, story_id):
    """The member's own story under this index, else 404: another member's story is never shown."""
    story = index.all_stories().filter(pk=story_id, owner=user).first()
    if story is None:
        raise Http404("No such story")
    return story


KEPT_IMAGE_SALT = "stories.kept-image"
# Marks an image kept for a story form not yet saved: used nowhere, so erasure deletes it.
KEPT_IMAGE_TAG = "kept-for-an-unsaved-story"


IMAGE_NOT_STORED = (
    "Your image could not be saved just now, so your story is kept as a draft without it. "
    "Please add the image again in a few minutes."
)


class ImageNotStored(Exception):
    """The media storage refused a member's image (logged once for the operator)."""


def save_uploaded_image(form, user):
    """The member's new image, or None without one; ImageNotStored when the storage refuses it."""
    upload = form.cleaned_data.get("image")
    if not upload:
        return None
    title = form.cleaned_data.get("image_alt_text") or upload.name
    try:
        # A savepoint: a refused file leaves no image row behind, and the story can still be saved.
        with transaction.atomic():
            return save_upload(upload, title=title, user=user)
    except STORAGE_ERRORS as error:
        log_storage_failure(f"an image for a story from user {user.pk}", error)
        raise ImageNotStored from error


@dataclass(frozen=True)
class KeptImage:
    """An image chosen with a form that came back with an error, and the name of the file the
    member chose (the stored file has a random name)."""

    image: AbstractImage
    original_name: str


def kept_image_token(kept, user):
    return signing.dumps(
        {"image": kept.image.pk, "name": kept.original_name},
        salt=f"{KEPT_IMAGE_SALT}:{user.pk}",
    )


def kept_image_from(token, user):
    """The image this member chose before the form came back with an error, if the token is one
    this site gave them; never another member's image."""
    if not token:
        return None
    try:
        kept = signing.loads(token, salt=f"{KEPT_IMAGE_SALT}:{user.pk}")
    except signing.BadSignature:
        return None
    if not isinstance(kept, dict) or not isinstance(kept.get("image"), int):
        return None
    image = (
        get_image_model()
        .objects.filter(pk=kept["image"], uploaded_by_user=user, tags__name=KEPT_IMAGE_TAG)
        .first()
    )
    return KeptImage(image, str(kept.get("name", ""))) if image else None


def keep_chosen_image(form, user, kept):
    """A browser cannot fill a file input again, so a good image that came with a form that has
    errors is saved now and carried by a signed token: the member need not choose it again.
    Kept images never used are deleted after a day (`delete_abandoned_uploads`)."""
    if form.cleaned_data.get("image") and "image" not in form.errors:
        original_name = PurePath(form.cleaned_data["image"].name).name
        try:
            image = save_uploaded_image(form, user)
        except ImageNotStored:
            form.add_error("image", "Your image could not be saved just now: choose it again later")
            return kept
        image.tags.add(KEPT_IMAGE_TAG)
        return KeptImage(image, original_name)
    return kept


def story_form_response(
    request, index, form, story=None, status=None, kept_image=None, language_review=False
):
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
            "kept_image": kept_image,
            "kept_image_token": kept_image_token(kept_image, request.user) if kept_image else "",
            "language_advice": story_language_advice(form),
            "language_review": language_review,
            "language_checked": language_review or bool(request.POST.get(LANGUAGE_CHECKED)),
        },
    )


def wants_language_review(request, form, action):
    """Whether to show the language advice before a story goes to the moderators: once, when the
    member has not seen it yet and the story is otherwise ready to go. Advice, never a refusal:
    submitting again sends it."""
    if action != SUBMIT or request.POST.get(LANGUAGE_CHECKED) or not form.is_valid():
        return False
    return has_findings(story_language_advice(form))


def save_story_from_form(request, form, index, draft, kept_image):
    """(The saved story, whether it went to the moderators), or (None, False) when the form (or the
    story model's own checks, which run as the revision is saved) finds a mistake: then nothing is
    saved and the form carries the errors. When storage refuses the image, the words are kept as a
    draft without it and the member is told."""
    if not form.is_valid():
        return None, False
    submit = form.action == SUBMIT
    try:
        with transaction.atomic():
            form.apply_to(draft)
            try:
                image = save_uploaded_image(form, request.user)
            except ImageNotStored:
                # The member's words are kept; they add the image again once storage is back.
                messages.error(request, IMAGE_NOT_STORED)
                image, submit = None, False
            if image is None and kept_image is not None:
                image = kept_image.image
                image.title = form.cleaned_data["image_alt_text"][:255] or image.title
                image.save(update_fields=["title"])
                image.tags.remove(KEPT_IMAGE_TAG)
            if image is not None:
                draft.image = image
            saved = save_story(index, draft, request.user, submit=submit)
            record_quote_choice(saved, request.user)
            return saved, submit
    except ValidationError as error:
        form.add_model_errors(error)
        return None, False


def handle_story_form(request, index, story=None):
    status = story_status(story) if story else None
    kept_image = None
    if request.method == "POST":
        action = SUBMIT if request.POST.get("action") == SUBMIT else SAVE_DRAFT
        draft = story.get_latest_revision_as_object() if story else StoryPage()
        form = StoryForm(
            request.POST, request.FILES, action=action, has_image=draft.image_id is not None
        )
        kept_image = kept_image_from(request.POST.get("kept_image"), request.user)
        if wants_language_review(request, form, action):
            kept_image = keep_chosen_image(form, request.user, kept_image)
            return story_form_response(
                request, index, form, story, status, kept_image, language_review=True
            )
        saved, submitted = save_story_from_form(request, form, index, draft, kept_image)
        if saved is not None:
            if submitted:
                messages.success(
                    request,
                    f"Thank you. “{saved.draft_title}” has gone to the moderators; "
                    "we will email you when they have read it.",
                )
                return redirect(index.my_stories_url)
            messages.success(request, f"Your draft “{saved.draft_title}” is saved.")
            return redirect(index.subpage_url("edit_story", saved.pk))
        kept_image = keep_chosen_image(form, request.user, kept_image)
    elif story is not None:
        form = StoryForm(
            initial=StoryForm.initial_from_story(story.get_latest_revision_as_object())
        )
    else:
        form = StoryForm(initial={"credit_name": request.user.get_full_name()})
    return story_form_response(request, index, form, story, status, kept_image)


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
