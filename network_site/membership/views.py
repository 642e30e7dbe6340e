import json

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.db.models import Case, When
from django.db.models.functions import Lower
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from network_site.core.listing import apply_filters, page_of_items
from network_site.core.mail import send_email
from network_site.core.roles import ADMIN_ACCESS, MEMBER_PERMISSION, users_with_permission
from network_site.core.site_address import absolute_url

from . import choices, personal_data, unsubscribe
from . import member_page as member_home
from .access import is_member, member_required
from .erasure import delete_account
from .forms import (
    ContactMemberForm,
    DeleteAccountForm,
    JoinForm,
    ProfileForm,
)
from .listing import DIRECTORY_FACETS
from .models import ConsentRecord, MemberProfile
from .services import create_join_request, tell_owner_of_repeat_request

DIRECTORY_PAGE_SIZE = 20


@require_http_methods(["GET", "POST"])
def join(request):
    if request.user.is_authenticated:
        return redirect("membership:account" if is_member(request.user) else "/")
    form = JoinForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.consume(request, action="signup"):
            return TemplateResponse(request, "pages/membership/too_many_requests.html", status=429)
        if form.is_valid():
            if form.is_bot():
                # Look like success, keep nothing.
                return redirect("membership:join_sent")
            # Whether the address is new or not, the answer is the same page: only the
            # address's owner learns (by email) that it already has an account or a request.
            existing = form.existing_account()
            if existing is None:
                try:
                    create_join_request(request, form.cleaned_data)
                except IntegrityError:
                    # Two requests with one address at the same moment: the database kept one.
                    existing = form.existing_account()
            if existing is not None:
                tell_owner_of_repeat_request(request, existing, form.cleaned_data["password1"])
            return redirect("membership:join_sent")
    return TemplateResponse(
        request,
        "pages/membership/join.html",
        {
            "form": form,
            "privacy_url": _privacy_url(request),
            "reply_within_days": settings.MEMBERSHIP_REPLY_WITHIN_DAYS,
        },
        status=400 if form.errors else 200,
    )


def join_sent(request):
    return TemplateResponse(request, "pages/membership/join_sent.html")


def join_received(request):
    return TemplateResponse(
        request,
        "pages/membership/join_received.html",
        {"reply_within_days": settings.MEMBERSHIP_REPLY_WITHIN_DAYS},
    )


def _privacy_url(request):
    from wagtail.models import Site

    from network_site.core.models import NetworkSettings

    site = Site.find_for_request(request)
    privacy_page = NetworkSettings.for_site(site).privacy_page if site else None
    return privacy_page.url if privacy_page else None


def previous_visit(request):
    """When this member was last here before this session began."""
    from .signals import PREVIOUS_VISIT_SESSION_KEY

    stored = request.session.get(PREVIOUS_VISIT_SESSION_KEY)
    since = parse_datetime(stored) if isinstance(stored, str) else None
    return since or request.user.date_joined


@member_required
def home(request):
    since = previous_visit(request)
    return TemplateResponse(
        request,
        "pages/membership/home.html",
        {
            "sections": member_home.sections_for(request),
            "since": since,
            "news": member_home.news_since(since),
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def account(request):
    profile, _ = MemberProfile.objects.get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        before = MemberProfile.objects.get(pk=profile.pk)
        form.save()
        user = request.user
        user.first_name, user.last_name = form.cleaned_data["full_name"], ""
        user.save(update_fields=["first_name", "last_name"])
        _record_consent_changes(user, before, profile)
        messages.success(request, "Your details are saved.")
        return redirect("membership:account")
    return TemplateResponse(
        request,
        "pages/membership/account.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _wants_digest(profile):
    return profile.digest_frequency != choices.DIGEST_NONE


def _record_consent_changes(user, before, after):
    """A new consent record when an option is turned on, the open one withdrawn when turned off."""
    changes = [
        (ConsentRecord.Purpose.DIRECTORY, lambda profile: profile.listed_in_directory),
        (ConsentRecord.Purpose.MEETINGS_MAILING, lambda profile: profile.receives_meetings_mailing),
        (ConsentRecord.Purpose.DIGEST, _wants_digest),
    ]
    for purpose, wants in changes:
        was, now = wants(before), wants(after)
        if now and not was:
            ConsentRecord.objects.create(
                user=user, purpose=purpose, notice_version=settings.PRIVACY_NOTICE_VERSION
            )
        elif was and not now:
            for record in ConsentRecord.objects.filter(
                user=user, purpose=purpose, withdrawn_at__isnull=True
            ):
                record.withdraw()


@csrf_exempt  # the signed token is the proof; mail programs' one-click POST carries no cookie
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    """GET asks (mail scanners follow links: a GET never changes anything); POST turns it off."""
    found = unsubscribe.read_token(token)
    profile = (
        MemberProfile.objects.select_related("user").filter(user_id=found[0]).first()
        if found
        else None
    )
    if profile is None:
        return TemplateResponse(request, "pages/membership/unsubscribe_invalid.html", status=404)
    mailing = found[1]
    # Already off (an earlier click, or the account page): say so, and change nothing.
    already = not unsubscribe.is_subscribed(profile, mailing)
    done = False
    if request.method == "POST" and not already:
        before = MemberProfile.objects.get(pk=profile.pk)
        if mailing == unsubscribe.MEETINGS:
            profile.receives_meetings_mailing = False
        else:
            profile.digest_frequency = choices.DIGEST_NONE
        profile.save(update_fields=["receives_meetings_mailing", "digest_frequency"])
        _record_consent_changes(profile.user, before, profile)
        done = True
    return TemplateResponse(
        request,
        "pages/membership/unsubscribe.html",
        {
            "mailing_label": unsubscribe.MAILINGS[mailing],
            "done": done,
            "already": already,
            "token": token,
        },
    )


@member_required
def directory(request):
    profiles = (
        MemberProfile.objects.filter(
            listed_in_directory=True,
            user__is_active=True,
            user__in=users_with_permission(MEMBER_PERMISSION),
        )
        .select_related("user", "sector")
        # Filters and order use only what each member chose to show: names in order of the name
        # when shown; members who hide their name follow, in an order their name plays no part in.
        .order_by(
            Case(When(show_name=True, then=Lower("user__first_name"))).asc(nulls_last=True),
            "pk",
        )
    )
    # The listing helper checks the filters and pages; nothing about people goes in the content
    # cache (scope=None), and no option shows a count.
    filters = apply_filters(profiles, request.GET, facets=DIRECTORY_FACETS, scope=None)
    form = filters.form
    results = filters.results()
    members_page = page_of_items(
        results,
        list(results.values_list("pk", flat=True)),
        DIRECTORY_PAGE_SIZE,
        form.cleaned_data.get("page"),
        prefetch=(),
    )
    return TemplateResponse(
        request,
        "pages/membership/directory.html",
        {"form": form, "members_page": members_page},
        status=400 if form.errors else 200,
    )


def contactable_profiles():
    return MemberProfile.objects.filter(
        listed_in_directory=True,
        accepts_contact=True,
        user__is_active=True,
        user__in=users_with_permission(MEMBER_PERMISSION),
    ).select_related("user")


def directory_name(profile):
    return profile.user.get_full_name() if profile.show_name else "A network member"


@member_required
@require_http_methods(["GET", "POST"])
def contact_member(request, profile_id):
    """A message to another member by email: neither address is shown to the other."""
    recipient = contactable_profiles().exclude(user=request.user).filter(pk=profile_id).first()
    if recipient is None:
        raise Http404("No member to contact")
    form = ContactMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key = f"{request.user.pk}:{recipient.user_id}"
        if not ratelimit.consume(request, action="member_contact", key=key):
            return TemplateResponse(request, "pages/membership/too_many_messages.html", status=429)
        sender = MemberProfile.objects.filter(user=request.user).first()
        can_reply = contactable_profiles().filter(user=request.user).first()
        send_email(
            "membership/member_contact",
            [recipient.user.email],
            {
                "recipient": recipient,
                "sender_name": directory_name(sender)
                if sender and sender.listed_in_directory
                else "A network member",
                "message": form.cleaned_data["message"],
                "reply_url": absolute_url(reverse("membership:contact", args=[can_reply.pk]))
                if can_reply
                else "",
                "account_url": absolute_url(reverse("membership:account")),
            },
        )
        messages.success(
            request,
            f"Your message is on its way to {directory_name(recipient)}. Your email address "
            "was not shared.",
        )
        return redirect("membership:directory")
    return TemplateResponse(
        request,
        "pages/membership/contact_member.html",
        {"form": form, "recipient": recipient, "recipient_name": directory_name(recipient)},
        status=400 if form.errors else 200,
    )


# Everyone with an account may download what the site holds about them, members and staff alike.
@login_required
def my_data(request):
    return TemplateResponse(
        request, "pages/membership/my_data.html", {"is_member": is_member(request.user)}
    )


@login_required
@require_http_methods(["POST"])
def download_my_data(request):
    data = {
        "exported_at": timezone.now().isoformat(),
        "site": settings.WAGTAIL_SITE_NAME,
        **personal_data.export_for(request.user),
    }
    response = HttpResponse(
        json.dumps(data, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-network-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@member_required
@require_http_methods(["GET", "POST"])
def delete_my_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user)
        return redirect("membership:account_deleted")
    return TemplateResponse(
        request,
        "pages/membership/delete_account.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def account_deleted(request):
    return TemplateResponse(request, "pages/membership/account_deleted.html")


def to_site_sign_in(request):
    """Everyone signs in through allauth's page (rate limits, lockout, the approval check)."""
    target = reverse("account_login")
    next_url = request.GET.get("next")
    if next_url:
        target += "?" + urlencode({"next": next_url})
    return redirect(target)


def admin_login(request):
    """Where Wagtail sends people who may not use the admin (WAGTAILADMIN_LOGIN_URL).

    Someone signed in without admin access gets a plain answer; sending them to the sign-in page
    would send them straight back here, round and round.
    """
    if request.user.is_authenticated:
        if request.user.has_perm(ADMIN_ACCESS):
            return redirect("wagtailadmin_home")
        return TemplateResponse(
            request,
            "membership/no_admin_access.html",
            {"is_member": is_member(request.user)},
            status=403,
        )
    return to_site_sign_in(request)
