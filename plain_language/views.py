"""The language check's two addresses: the as-you-type check (JSON, for the story form's script)
and the check of a page's latest draft in the admin. Neither stores anything."""

from allauth.core import ratelimit
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from network_site.membership.access import is_member

from .checker import all_advice, check_fields
from .forms import CheckTextForm
from .page_text import page_fields_text

STAFF_PERMISSION = "wagtailadmin.access_admin"


def may_check(user):
    return is_member(user) or (user.is_active and user.has_perm(STAFF_PERMISSION))


@require_POST
def check_text(request):
    if not may_check(request.user):
        return JsonResponse(
            {"error": "Only network members and staff can use the check."}, status=403
        )
    if not ratelimit.consume(request, action="language_check"):
        return JsonResponse({"error": "Too many checks: wait a minute and type on."}, status=429)
    form = CheckTextForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": " ".join(form.errors["text"])}, status=400)
    [advice] = check_fields([("text", "Text", form.cleaned_data["text"])])
    return JsonResponse(advice.as_json())


def check_page(request, page_id):
    """The check of a page's latest draft (what the editor last saved), field by field."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        return permission_denied(request)
    draft = page.get_latest_revision_as_object()
    advice_list = all_advice()
    fields = check_fields(page_fields_text(draft), advice_list)
    return TemplateResponse(
        request,
        "plain_language/admin/check_page.html",
        {
            "page": draft,
            "fields": fields,
            "finding_count": sum(len(advice.findings) for advice in fields),
            "phrase_count": len(advice_list),
        },
    )
