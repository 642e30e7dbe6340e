"""Answering several join requests at once: each still gets its own email."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .forms import PlainTextField
from .models import JoinRequest
from .services import DecisionError, approve, decline


class BulkDecisionForm(forms.Form):
    requests = forms.ModelMultipleChoiceField(
        queryset=JoinRequest.objects.awaiting_decision(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one request",
            "invalid_choice": "One of the requests chosen has already been answered",
            "invalid_pk_value": "Choose requests from the list",
        },
    )
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("decline", "Decline")],
        error_messages={"required": "Choose approve or decline"},
    )
    message = PlainTextField(
        label="Message to each person (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Included in the email each of them gets.",
    )


def answer_several_view(request):
    if not request.user.has_perm("membership.decide_joinrequest"):
        raise PermissionDenied
    form = BulkDecisionForm(request.POST or None)
    form.fields["requests"].queryset = (
        JoinRequest.objects.awaiting_decision()
        .select_related("sector")
        .order_by("confirmed_at", "pk")
    )
    if request.method == "POST" and form.is_valid():
        act = approve if form.cleaned_data["decision"] == "approve" else decline
        done, skipped = [], []
        for join_request in form.cleaned_data["requests"]:
            try:
                act(join_request, decided_by=request.user, message=form.cleaned_data["message"])
            except DecisionError:
                # Answered by someone else meanwhile: left as they answered it.
                skipped.append(join_request.full_name)
            else:
                done.append(join_request.full_name)
        verb = "approved" if act is approve else "declined"
        if done:
            messages.success(
                request,
                f"{len(done)} request{'s' if len(done) != 1 else ''} {verb}; each person has "
                "been emailed.",
            )
        if skipped:
            messages.warning(
                request, "Already answered by someone else, so left alone: " + ", ".join(skipped)
            )
        return redirect(reverse("joinrequest:index") + "?status=pending")
    return TemplateResponse(
        request,
        "membership/admin/answer_several.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
