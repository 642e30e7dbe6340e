"""The report of content due for review: filter, export, and mark an item reviewed in one step."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.models import Page

from .csv_export import csv_response
from .reviews import (
    content_for_review,
    mark_reviewed,
    may_review,
    reviewable_kind_of,
    reviewable_types,
)
from .site_address import absolute_url, page_url

PER_PAGE = 50
DUE, ALL = "due", "all"
# Apps add their own findings to the report (the library's broken links): each function is called
# with the request and a list of admin components to append to.
REVIEW_REPORT_PANELS_HOOK = "construct_review_report_panels"


class ReviewFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(
        label="Content", required=False, widget=forms.CheckboxSelectMultiple
    )
    status = forms.ChoiceField(
        label="Show",
        choices=[(DUE, "Due for review (never, or over a year ago)"), (ALL, "Everything")],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.key, kind.label) for kind in reviewable_types()]

    def filters(self):
        """(kinds, due_only) from valid input; everything due when the input is not valid."""
        if not self.is_valid():
            return None, True
        return self.cleaned_data["kind"] or None, self.cleaned_data["status"] != ALL


def report_items(request):
    if not may_review(request.user):
        raise PermissionDenied
    form = ReviewFilterForm(request.GET or None)
    kinds, due_only = form.filters()
    return form, content_for_review(request.user, kinds=kinds, due_only=due_only)


def review_report_view(request):
    form, items = report_items(request)
    page_of_items = Paginator(items, PER_PAGE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "core/admin/review_report.html",
        {
            "form": form,
            "items": page_of_items,
            "total": len(items),
            "query": query.urlencode(),
            "return_to": request.get_full_path(),
            "panels": review_report_panels(request),
        },
    )


def review_report_panels(request):
    panels = []
    for add_panels in hooks.get_hooks(REVIEW_REPORT_PANELS_HOOK):
        add_panels(request, panels)
    return panels


def review_report_csv_view(request):
    _form, items = report_items(request)
    return csv_response(
        "content-for-review.csv",
        ["Content", "Title", "Last reviewed", "Reviewed by", "Address", "Edit in the admin"],
        (
            [
                item.kind.label,
                item.page.title,
                item.last_reviewed.isoformat() if item.last_reviewed else "never",
                item.page.reviewed_by,
                page_url(item.page),
                absolute_url(reverse("wagtailadmin_pages:edit", args=[item.page.pk])),
            ]
            for item in items
        ),
    )


@require_POST
def mark_reviewed_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if reviewable_kind_of(page) is None:
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    mark_reviewed(page, request.user)
    messages.success(request, f"“{page.title}” is marked as reviewed today by you.")
    return_to = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        return_to, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return_to = reverse("core_review_report")
    return redirect(return_to)
