"""The coordinators' members' list in the Wagtail admin: search, filters, deactivating and
reactivating with the reason recorded, and a CSV of what members agreed to share."""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, HeaderButton, ListingButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from network_site.core.csv_export import csv_response
from network_site.core.inspect_view import ReadableInspectView
from network_site.core.models import Sector
from network_site.core.roles import MEMBER_PERMISSION, users_with_permission

from . import choices
from .forms import PlainTextField
from .models import MemberProfile, MemberStatusChange

STATUS_ACTIVE = "active"
STATUS_DEACTIVATED = "deactivated"


def can_view_members(user):
    return user.has_perm("membership.view_memberprofile")


def can_change_status(user):
    return user.has_perm("membership.deactivate_member")


class MemberPermissionPolicy(ModelPermissionPolicy):
    """Profiles belong to their members: coordinators look, and may deactivate an account, but
    nobody adds, edits or deletes a profile in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(MemberProfile, MemberPermissionPolicy(MemberProfile))


def sector_name(profile):
    return profile.sector.name if profile.sector else ""


def members():
    return MemberProfile.objects.filter(
        user__in=users_with_permission(MEMBER_PERMISSION, active_only=False)
    ).select_related("user", "sector")


class MemberFilterSet(WagtailFilterSet):
    sector = django_filters.ModelChoiceFilter(
        queryset=Sector.objects.all(), to_field_name="slug", label="Sector"
    )
    council_area = django_filters.ChoiceFilter(choices=choices.COUNCIL_AREAS, label="Area")
    role = django_filters.ModelChoiceFilter(
        field_name="user__groups",
        queryset=Group.objects.order_by("name"),
        label="Role",
        empty_label="Any role",
    )
    joined = django_filters.DateFromToRangeFilter(
        field_name="user__date_joined", label="Joined", widget=DateRangePickerWidget
    )
    status = django_filters.ChoiceFilter(
        choices=[(STATUS_ACTIVE, "Active"), (STATUS_DEACTIVATED, "Deactivated")],
        method="filter_status",
        label="Status",
    )

    class Meta:
        model = MemberProfile
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.filter(user__is_active=value == STATUS_ACTIVE)


def roles(profile):
    return ", ".join(group.name for group in profile.user.groups.all())


def may_change_status_of(user, profile):
    # Nobody deactivates their own account: another coordinator must.
    return can_change_status(user) and profile.user != user


def status_button(profile, button_class):
    active = profile.user.is_active
    return button_class(
        "Deactivate" if active else "Reactivate",
        url=reverse("memberprofile:status", args=[profile.pk]),
        icon_name="cross" if active else "tick",
        priority=10,
    )


class MemberInspectView(ReadableInspectView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if may_change_status_of(self.request.user, self.object):
            buttons.append(status_button(self.object, Button))
        return buttons


class MemberNameColumn(ButtonsColumnMixin, TitleColumn):
    """The member's name, linking to their details, with the row's action (deactivate or
    reactivate) beside it. (A column given to list_display gets no buttons of its own.)"""

    def get_buttons(self, instance, parent_context):
        if may_change_status_of(parent_context["request"].user, instance):
            return [status_button(instance, ListingButton)]
        return []


class MemberIndexView(IndexView):
    def get_base_queryset(self):
        return members().prefetch_related("user__groups").order_by("user__first_name", "pk")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        return [
            *buttons,
            HeaderButton(
                "Download CSV (shared fields)",
                url=reverse("memberprofile:csv") + "?" + self.request.GET.urlencode(),
                icon_name="download",
            ),
        ]


class MemberViewSet(ModelViewSet):
    model = MemberProfile
    icon = "user"
    menu_label = "Members"
    menu_order = 251
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = MemberIndexView
    inspect_view_class = MemberInspectView
    filterset_class = MemberFilterSet
    search_fields = ["user__first_name", "user__email", "organisation", "role"]
    search_backend_name = None
    list_export = []
    form_fields = ["bio"]  # never shown: the permission policy refuses add and change
    list_display = [
        MemberNameColumn(
            "name",
            label="Name",
            accessor=lambda profile: profile.user.get_full_name() or profile.user.email,
            get_url=lambda profile: reverse("memberprofile:inspect", args=[profile.pk]),
        ),
        Column("email", label="Email", accessor="user.email"),
        Column("sector", label="Sector", accessor=sector_name),
        Column("area", label="Area", accessor="get_council_area_display"),
        Column("roles", label="Roles", accessor=roles),
        DateColumn("joined", label="Joined", accessor="user.date_joined"),
        Column(
            "status",
            label="Status",
            accessor=lambda profile: "Active" if profile.user.is_active else "Deactivated",
        ),
    ]
    inspect_view_fields = [
        "organisation",
        "role",
        "sector",
        "council_area",
        "listed_in_directory",
        "receives_meetings_mailing",
        "digest_frequency",
        "accepts_contact",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("status/<int:pk>/", status_view, name="status"),
            path("export.csv", csv_view, name="csv"),
        ]


member_viewset = MemberViewSet("memberprofile")


class StatusChangeForm(forms.Form):
    reason = PlainTextField(
        label="Reason",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded with the change, for other coordinators. The member does not see it.",
        error_messages={"required": "Give the reason for the change"},
    )


def status_view(request, pk):
    """Deactivate an active member or reactivate a deactivated one, with the reason recorded."""
    if not can_change_status(request.user):
        raise PermissionDenied
    profile = get_object_or_404(members(), pk=pk)
    member = profile.user
    if member == request.user:
        raise PermissionDenied
    form = StatusChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            member.is_active = not member.is_active
            member.save(update_fields=["is_active"])
            MemberStatusChange.objects.create(
                user=member,
                active=member.is_active,
                reason=form.cleaned_data["reason"],
                changed_by=request.user,
                changed_at=timezone.now(),
            )
            log(
                instance=profile,
                action="membership.reactivate" if member.is_active else "membership.deactivate",
                user=request.user,
                data={"reason": form.cleaned_data["reason"]},
            )
        # A deactivated account's sessions stop working at once: Django's auth backend refuses
        # an inactive user on every request.
        verb = "reactivated" if member.is_active else "deactivated"
        messages.success(request, f"{member.get_full_name() or member.email} is {verb}.")
        return redirect(reverse("memberprofile:index"))
    return TemplateResponse(
        request,
        "membership/admin/member_status.html",
        {
            "profile": profile,
            "member": member,
            "form": form,
            "history": MemberStatusChange.objects.filter(user=member).select_related("changed_by")[
                :20
            ],
        },
        status=400 if form.errors else 200,
    )


# What a member agreed to share: the directory's own choices. A column is empty for a member who
# is not listed in the directory or chose not to show it.
CSV_COLUMNS = [
    ("Name", "show_name", lambda profile: profile.user.get_full_name()),
    ("Role", "show_role", lambda profile: profile.role),
    ("Organisation", "show_organisation", lambda profile: profile.organisation),
    ("Council area", "show_area", lambda profile: profile.get_council_area_display()),
    ("Sector", None, sector_name),
]


def shared_row(profile):
    return [
        value(profile) if consent is None or getattr(profile, consent) else ""
        for _label, consent, value in CSV_COLUMNS
    ]


def csv_view(request):
    if not can_view_members(request.user):
        raise PermissionDenied
    filterset = MemberFilterSet(
        request.GET or None,
        queryset=members().order_by("user__first_name", "pk"),
        request=request,
    )
    profiles = filterset.qs if filterset.is_bound and filterset.is_valid() else members()
    query = request.GET.get("q", "").strip()
    if query:
        condition = Q()
        for field in MemberViewSet.search_fields:
            condition |= Q(**{f"{field}__icontains": query})
        profiles = profiles.filter(condition)
    # Only members listed in the directory agreed to share anything.
    rows = [shared_row(profile) for profile in profiles.filter(listed_in_directory=True)]
    return csv_response(
        f"network-members-{timezone.localdate():%Y-%m-%d}.csv",
        [label for label, _consent, _value in CSV_COLUMNS],
        rows,
    )
