from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from network_site.membership.access import member_required

from . import kinds, listing, services, tokens
from .forms import (
    EmailChoiceForm,
    EmailPreferencesForm,
    FollowSectorForm,
    FollowThemeForm,
    TargetForm,
)
from .models import EmailPreferences, Follow, Notification

# What mail programs' one-click unsubscribe button sends (RFC 8058).
ONE_CLICK_BODY = ("List-Unsubscribe", "One-Click")


def back_to(request, fallback="following:index"):
    """Back where the form was, when that is on this site."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) and target.startswith("/"):
        return redirect(target)
    return redirect(fallback)


def index_page(request, *, theme_form=None, sector_form=None, status=200):
    return TemplateResponse(
        request,
        "pages/following/index.html",
        {
            "groups": listing.follows_of(request),
            "theme_form": theme_form or FollowThemeForm(auto_id="theme_%s"),
            "sector_form": sector_form or FollowSectorForm(auto_id="sector_%s"),
        },
        status=status,
    )


@member_required
@require_http_methods(["GET"])
def index(request):
    return index_page(request)


@member_required
@require_POST
def follow(request):
    form = TargetForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, "That could not be followed: it may have been moved or removed.")
        return back_to(request)
    target = form.cleaned_data["target"]
    services.follow(request.user, target)
    messages.success(request, f"You now follow {listing.title_of(target)}.")
    return back_to(request)


@member_required
@require_POST
def follow_theme(request):
    form = FollowThemeForm(request.POST, auto_id="theme_%s")
    if not form.is_valid():
        return index_page(request, theme_form=form, status=400)
    services.follow(request.user, form.cleaned_data["theme"])
    messages.success(request, f"You now follow the theme {form.cleaned_data['theme'].name}.")
    return redirect("following:index")


@member_required
@require_POST
def follow_sector(request):
    form = FollowSectorForm(request.POST, auto_id="sector_%s")
    if not form.is_valid():
        return index_page(request, sector_form=form, status=400)
    services.follow(request.user, form.cleaned_data["sector"])
    messages.success(request, f"You now follow the sector {form.cleaned_data['sector'].name}.")
    return redirect("following:index")


@member_required
@require_POST
def unfollow(request, follow_id):
    # Only the member's own follow: another's id is not found.
    found = get_object_or_404(Follow, pk=follow_id, user=request.user)
    found.delete()
    messages.success(request, "You no longer follow it.")
    return back_to(request)


@member_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    stored, _ = EmailPreferences.objects.get_or_create(user=request.user)
    form = EmailPreferencesForm(request.POST or None, instance=stored)
    if request.method == "POST" and form.is_valid():
        form.instance.changed_at = timezone.now()
        form.save()
        messages.success(request, "Your choices about news by email are saved.")
        return redirect("following:preferences")
    return TemplateResponse(
        request,
        "pages/following/preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@csrf_exempt  # the signed token is the proof; mail programs' one-click POST carries no cookie
@require_http_methods(["GET", "POST"])
def email_choice(request, token):
    """GET shows the choice (mail scanners follow links: a GET changes nothing); POST makes it.
    A one-click unsubscribe POST turns the email's kinds off."""
    found = tokens.read_token(token)
    stored = EmailPreferences.objects.filter(user_id=found[0]).first() if found else None
    if stored is None:
        return TemplateResponse(request, "pages/following/email_choice_invalid.html", status=404)
    news_kinds = found[1]
    chosen = None
    form = EmailChoiceForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get(ONE_CLICK_BODY[0]) == ONE_CLICK_BODY[1]:
            chosen = kinds.Frequency.NEVER
        elif form.is_valid():
            chosen = form.cleaned_data["frequency"]
    if chosen is not None:
        for kind in news_kinds:
            setattr(stored, kind, chosen)
        stored.changed_at = timezone.now()
        stored.save(update_fields=[*news_kinds, "changed_at"])
    return TemplateResponse(
        request,
        "pages/following/email_choice.html",
        {
            "token": token,
            "now_choices": [
                (kinds.KINDS[kind], stored.get_frequency_label(kind)) for kind in news_kinds
            ],
            "chosen": kinds.Frequency(chosen).label if chosen else None,
            "options": kinds.Frequency.choices,
            "form": form,
        },
        status=400 if request.method == "POST" and chosen is None else 200,
    )


@member_required
@require_http_methods(["GET"])
def open_news(request, notification_id):
    """Marks one piece of the member's own news read and goes to it."""
    notification = Notification.objects.filter(pk=notification_id, user=request.user).first()
    if notification is None:
        raise Http404
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect("membership:home")
    return redirect(notification.url)


@member_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    messages.success(request, "All your news is marked as read." if count else "No unread news.")
    return back_to(request, fallback="membership:home")
