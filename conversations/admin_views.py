"""The moderators' queue in the admin: held contributions and flagged ones, with one-click
approve, hide (a reason mailed to the author) and restore."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from . import moderation
from .forms import HideForm
from .models import Contribution, Flag

PER_PAGE = 25


def open_flags():
    return Flag.objects.filter(contribution=OuterRef("pk"), resolved_at__isnull=True)


WAITING, HIDDEN = "waiting", "hidden"


def queue(show=WAITING):
    """Held contributions and those with flags nobody has acted on, the longest wait first; or
    those hidden, to restore."""
    if show == HIDDEN:
        chosen = Q(status=Contribution.Status.HIDDEN)
    else:
        chosen = Q(status=Contribution.Status.HELD) | Q(
            Exists(open_flags()),
            status__in=[Contribution.Status.VISIBLE, Contribution.Status.HIDDEN],
        )
    return (
        Contribution.objects.filter(chosen)
        .annotate(
            flag_count=Count("flags", filter=Q(flags__resolved_at__isnull=True)),
            first_flag_at=Min("flags__created_at", filter=Q(flags__resolved_at__isnull=True)),
        )
        .select_related("author", "page", "parent")
        .prefetch_related("flags")
        .order_by("created_at", "pk")
    )


def may_moderate(user):
    return user.has_perm(moderation.MODERATE_PERMISSION)


def check(request):
    if not may_moderate(request.user):
        raise PermissionDenied


def queue_view(request):
    check(request)
    show = HIDDEN if request.GET.get("show") == HIDDEN else WAITING
    items = Paginator(queue(show), PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "conversations/admin/queue.html",
        {"items": items, "show": show, "waiting_count": queue().count()},
    )


def acted_on(request, pk):
    check(request)
    return get_object_or_404(Contribution.objects.select_related("author", "page"), pk=pk)


@require_POST
def approve_view(request, pk):
    contribution = acted_on(request, pk)
    if contribution.status == Contribution.Status.DELETED:
        raise PermissionDenied
    moderation.approve(contribution, request.user)
    messages.success(request, f"Approved: “{contribution}”.")
    return redirect("conversations_admin:queue")


@require_POST
def hide_view(request, pk):
    contribution = acted_on(request, pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the author a reason before hiding their words.")
        return redirect("conversations_admin:queue")
    moderation.hide(contribution, request.user, form.cleaned_data["reason"])
    messages.success(request, f"Hidden, and the author told why: “{contribution}”.")
    return redirect("conversations_admin:queue")


@require_POST
def restore_view(request, pk):
    contribution = acted_on(request, pk)
    if contribution.status != Contribution.Status.HIDDEN:
        messages.error(request, "Only hidden words can be restored.")
        return redirect("conversations_admin:queue")
    moderation.restore(contribution, request.user)
    messages.success(request, f"Restored: “{contribution}”.")
    return redirect("conversations_admin:queue")
