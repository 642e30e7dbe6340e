"""The member's own learning log: list, write, edit, delete and export their reflections.

Every view answers only the entry's writer. Another member, and staff of any role, get 404 for an
entry, exactly as for one that does not exist. Nothing here is stored by any cache (`never_cache`:
private, no-store), and the visitor page cache never sees these pages (they need a session).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from network_site.membership.access import is_member, member_required

from . import exports
from .forms import EntryForm, ExportForm, prompting_page
from .models import Entry

ENTRIES_PER_PAGE = 20


def own_entry(view):
    """Signs out people to the sign-in page; then the entry must be the requester's own (404
    otherwise, for staff too); then the writer must still be a member."""

    def wrapped(request, entry_id, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        entry = (
            Entry.objects.filter(pk=entry_id, owner=request.user)
            .select_related("prompt_page")
            .first()
            if entry_id < 2**63
            else None
        )
        if entry is None:
            raise Http404("No such entry in your learning log")
        if not is_member(request.user):
            return TemplateResponse(request, "membership/members_only.html", status=403)
        return view(request, entry, *args, **kwargs)

    return wrapped


@never_cache
@member_required
@require_http_methods(["GET"])
def entry_list(request):
    entries = Entry.objects.filter(owner=request.user).select_related("prompt_page")
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "pages/learning_log/entry_list.html", {"entries_page": page})


@never_cache
@member_required
@require_http_methods(["GET", "POST"])
def entry_new(request):
    prompt = prompting_page(request.GET.get("page"))
    if "page" in request.GET and prompt is None:
        messages.info(
            request,
            "That page could not be found, so this reflection is not linked to a page.",
        )
    form = EntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.owner = request.user
        if prompt is not None:
            entry.prompt_page = prompt
            entry.prompt_title = prompt.title[:255]
            entry.prompt_url = prompt.get_url(request) or ""
        entry.save()
        messages.success(request, "Your reflection is saved in your learning log.")
        return redirect("learning_log:list")
    return TemplateResponse(
        request,
        "pages/learning_log/entry_form.html",
        {"form": form, "prompt": prompt, "entry": None},
        status=400 if form.errors else 200,
    )


@never_cache
@own_entry
@require_http_methods(["GET", "POST"])
def entry_edit(request, entry):
    form = EntryForm(request.POST if request.method == "POST" else None, instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your changes are saved.")
        return redirect("learning_log:list")
    if form.errors:
        # The form changed the instance while it checked it: show the entry as it is stored.
        entry.refresh_from_db()
    return TemplateResponse(
        request,
        "pages/learning_log/entry_form.html",
        {"form": form, "prompt": None, "entry": entry},
        status=400 if form.errors else 200,
    )


@never_cache
@own_entry
@require_http_methods(["GET", "POST"])
def entry_delete(request, entry):
    if request.method == "POST":
        entry.delete()
        messages.success(request, "The reflection is deleted.")
        return redirect("learning_log:list")
    return TemplateResponse(request, "pages/learning_log/entry_delete.html", {"entry": entry})


@never_cache
@member_required
@require_http_methods(["GET"])
def export(request):
    """The export form; with a format chosen, the file itself."""
    form = ExportForm(request.GET or None)
    if not form.is_bound or not form.is_valid():
        return TemplateResponse(
            request,
            "pages/learning_log/export.html",
            {"form": form, "pdf_available": exports.pdf_available()},
            status=400 if form.errors else 200,
        )
    entries = list(form.entries_of(request.user))
    made_on = timezone.localdate()
    log = exports.LogExport(
        writer=request.user.get_full_name() or "A network member",
        entries=entries,
        date_from=form.cleaned_data["date_from"],
        date_to=form.cleaned_data["date_to"],
        made_on=made_on,
    )
    if form.cleaned_data["format"] == "docx":
        body, content_type = exports.to_docx(log), exports.DOCX_TYPE
    elif exports.pdf_available():
        body, content_type = exports.to_pdf(log, request), "application/pdf"
    else:
        return TemplateResponse(
            request,
            "pages/learning_log/export.html",
            {"form": form, "pdf_available": False},
            status=503,
        )
    response = HttpResponse(body, content_type=content_type)
    extension = form.cleaned_data["format"]
    response["Content-Disposition"] = (
        f'attachment; filename="learning-log-{made_on.isoformat()}.{extension}"'
    )
    return response
