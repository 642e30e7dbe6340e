"""The guide's import screen: upload a CSV or JSON export, preview what it would do, confirm."""

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .importing import (
    ADDED,
    CHANGED,
    OUTCOME_LABELS,
    UNCHANGED,
    GuideFileError,
    carry_out,
    plan_import,
    read_guide_file,
)
from .models import MappingGuidePage

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SESSION_KEY = "mapping_import"
PUBLISH, DRAFT = "publish", "draft"


class ImportUploadForm(forms.Form):
    guide_file = forms.FileField(
        label="Guide file",
        help_text="A CSV or JSON file in the shape the guide exports (UTF-8, at most 5 MB).",
    )
    save_as = forms.ChoiceField(
        label="Save the changes as",
        choices=[(DRAFT, "Drafts, for an editor to check and publish"), (PUBLISH, "Published")],
        initial=DRAFT,
        widget=forms.RadioSelect,
    )

    def clean_guide_file(self):
        upload = self.cleaned_data["guide_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB.")
        if not upload.name.lower().endswith((".csv", ".json")):
            raise forms.ValidationError("Choose a .csv or .json file.")
        return upload


def importable_guide(request, *, publish=False):
    """The guide, if the user may add entries to it (and publish them, when asked to)."""
    guide = MappingGuidePage.objects.first()
    if guide is None:
        return None
    permissions = guide.permissions_for_user(request.user)
    if not permissions.can_add_subpage() or (publish and not permissions.can_publish_subpage()):
        raise PermissionDenied
    return guide


@require_http_methods(["GET", "POST"])
def import_view(request):
    guide = importable_guide(request)
    if guide is None:
        return TemplateResponse(request, "mapping/admin/import.html", {"no_guide": True})
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        publish = form.cleaned_data["save_as"] == PUBLISH
        importable_guide(request, publish=publish)
        upload = form.cleaned_data["guide_file"]
        data = upload.read()
        try:
            plan = plan_import(guide, read_guide_file(data, upload.name), publish=publish)
        except GuideFileError as error:
            form.add_error("guide_file", str(error))
        else:
            token = secrets.token_urlsafe(16)
            request.session[SESSION_KEY] = {
                "token": token,
                "name": upload.name,
                "text": data.decode("utf-8-sig"),
                "publish": publish,
            }
            return TemplateResponse(
                request,
                "mapping/admin/import_preview.html",
                {
                    "plan": plan,
                    "rows": [
                        (place, slug, name, OUTCOME_LABELS[outcome])
                        for place, slug, name, outcome in plan.rows()
                    ],
                    "counts": {
                        label: plan.count(outcome) for outcome, label in OUTCOME_LABELS.items()
                    },
                    "file_name": upload.name,
                    "publish": publish,
                    "token": token,
                },
            )
    return TemplateResponse(request, "mapping/admin/import.html", {"form": form})


@require_http_methods(["POST"])
def import_confirm_view(request):
    """Carries out the previewed import, checked again against the guide as it is now."""
    pending = request.session.get(SESSION_KEY)
    if not pending or request.POST.get("token") != pending["token"]:
        messages.error(request, "That preview has expired or was replaced: upload the file again.")
        return redirect("mapping_import")
    guide = importable_guide(request, publish=pending["publish"])
    if guide is None:
        return redirect("mapping_import")
    # The file was read once already; read it the same way again (the guide may have moved on).
    plan = plan_import(
        guide,
        read_guide_file(pending["text"].encode("utf-8"), pending["name"]),
        publish=pending["publish"],
    )
    carry_out(guide, plan, user=request.user, publish=pending["publish"])
    del request.session[SESSION_KEY]
    state = "published" if pending["publish"] else "saved as drafts"
    messages.success(
        request,
        f"Imported {pending['name']}: {plan.count(ADDED)} added and {plan.count(CHANGED)} "
        f"changed ({state}), {plan.count(UNCHANGED)} left alone, {len(plan.rejected)} rejected.",
    )
    return redirect(reverse("wagtailadmin_explore", args=[guide.pk]))
