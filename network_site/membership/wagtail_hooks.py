"""The coordinators' side in the Wagtail admin: the join-request queue and a dashboard panel."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from network_site.core import home_sections, impact, schedule
from network_site.core.bulk import GENERATORS_HOOK, Generator
from network_site.core.demo import DEMO_CONTENT_HOOK
from network_site.core.inspect_view import ReadableInspectView

from . import impact as membership_impact
from . import personal_data
from .erasure import membership_data_sources
from .forms import DecisionForm
from .home import join_section
from .join_requests_bulk import answer_several_view
from .members_admin import member_viewset
from .models import JoinRequest
from .services import DecisionError, approve, decline


class JoinRequestPermissionPolicy(ModelPermissionPolicy):
    """Requests are made by newcomers and answered by coordinators: nobody adds, edits or
    deletes one in the admin (the retention command deletes declined ones)."""

    READ_ONLY_ACTIONS = {"view", "decide"}

    def user_has_permission(self, user, action):
        return action in self.READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(JoinRequest, JoinRequestPermissionPolicy(JoinRequest))


def can_decide(user):
    return user.has_perm("membership.decide_joinrequest")


class JoinRequestIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("sector")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if can_decide(self.request.user):
            buttons = [
                *buttons,
                HeaderButton(
                    "Answer several", url=reverse("joinrequest:answer_several"), icon_name="tick"
                ),
            ]
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == JoinRequest.Status.PENDING and can_decide(self.request.user):
            buttons.insert(
                0,
                ListingButton(
                    "Answer",
                    url=self.get_inspect_url(instance) + "#decision",
                    icon_name="tick",
                    priority=5,
                ),
            )
        return buttons


class JoinRequestInspectView(ReadableInspectView):
    template_name = "membership/admin/join_request_inspect.html"
    empty_values = {
        "confirmed_at": "Not yet",
        "decided_at": "Not decided yet",
        "decided_by": "Not decided yet",
        "decision_message": "None sent",
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.status == JoinRequest.Status.PENDING and can_decide(self.request.user):
            context["decision_form"] = DecisionForm()
            context["decide_url"] = reverse("joinrequest:decide", args=[self.object.pk])
        return context


class JoinRequestViewSet(ModelViewSet):
    model = JoinRequest
    icon = "group"
    menu_label = "Join requests"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = JoinRequestIndexView
    inspect_view_class = JoinRequestInspectView
    list_display = ["full_name", "email", "sector", "council_area", "status", "confirmed_at"]
    list_filter = ["status"]
    list_export = []
    # Never shown: the permission policy refuses add and change to everyone.
    form_fields = ["decision_message"]
    inspect_view_fields = [
        *JoinRequest.APPLICANT_FIELDS,
        "status",
        "created_at",
        "confirmed_at",
        "decided_at",
        "decided_by",
        "decision_message",
    ]

    @cached_property
    def decide_view(self):
        return decide_view

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/", self.decide_view, name="decide"),
            path("answer-several/", answer_several_view, name="answer_several"),
        ]


@require_POST
def decide_view(request, pk):
    join_request = get_object_or_404(JoinRequest, pk=pk)
    inspect_url = reverse("joinrequest:inspect", args=[pk])
    if not can_decide(request.user):
        messages.error(request, "You do not have permission to answer join requests.")
        return redirect(inspect_url)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(inspect_url)
    act = approve if form.cleaned_data["decision"] == "approve" else decline
    try:
        act(join_request, decided_by=request.user, message=form.cleaned_data["message"])
    except DecisionError as error:
        messages.error(request, str(error))
        return redirect(inspect_url)
    verb = "approved" if act is approve else "declined"
    messages.success(
        request, f"{join_request.full_name}'s request is {verb}; they have been emailed."
    )
    return redirect(reverse("joinrequest:index") + "?status=pending")


join_request_viewset = JoinRequestViewSet("joinrequest")


@hooks.register("register_admin_viewset")
def register_join_request_viewset():
    return join_request_viewset


@hooks.register("register_admin_viewset")
def register_member_viewset():
    return member_viewset


class JoinRequestsPanel(Component):
    name = "join_requests"
    template_name = "membership/admin/join_requests_panel.html"
    order = 50

    SHOWN = 10

    def get_context_data(self, parent_context):
        waiting = JoinRequest.objects.awaiting_decision()
        return {
            "waiting_count": waiting.count(),
            # Oldest first: the longest wait is the first to answer.
            "waiting": list(
                waiting.order_by("confirmed_at", "pk").only("pk", "full_name", "confirmed_at")[
                    : self.SHOWN
                ]
            ),
            "queue_url": reverse("joinrequest:index") + "?status=pending",
        }


@hooks.register("register_log_actions")
def register_decision_log_actions(actions):
    actions.register_action("membership.approve", "Approve join request", "Join request approved")
    actions.register_action("membership.decline", "Decline join request", "Join request declined")
    actions.register_action("membership.deactivate", "Deactivate member", "Member deactivated")
    actions.register_action("membership.reactivate", "Reactivate member", "Member reactivated")
    actions.register_action(
        "membership.remove_second_factor",
        "Remove two-step sign-in",
        "Two-step sign-in removed (lost device)",
    )


@hooks.register("construct_homepage_panels")
def add_join_requests_panel(request, panels):
    if request.user.has_perm("membership.view_joinrequest"):
        panels.append(JoinRequestsPanel())


@hooks.register("register_account_menu_item")
def my_data_account_menu_item(request):
    # Staff who are not members have no member pages: this is how they reach their data.
    return {
        "url": reverse("membership:my_data"),
        "label": "Your data",
        "help_text": "Download everything this site holds about you.",
    }


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("membership", "network_site.membership.demo.load")


@hooks.register(GENERATORS_HOOK)
def network_generator():
    return Generator("members", "network_site.membership.generate.generate", 2000, order=10)


@hooks.register(home_sections.HOME_SECTIONS_HOOK)
def home_page_section():
    return home_sections.HomeSection(
        "join",
        label="How to join (visitors only)",
        template="pages/membership/home_join.html",
        get_context=join_section,
        default_heading="Join the network",
    )


@hooks.register(schedule.JOBS_HOOK)
def scheduled_jobs():
    return [
        schedule.job(
            "send_join_request_digest",
            schedule.HOURLY,
            "Emails the coordinators about newly confirmed join requests, when a digest is due.",
        ),
        schedule.job(
            "send_digests",
            schedule.DAILY,
            "Queues the weekly and monthly digests of new stories and resources that are due.",
        ),
        schedule.job(
            "purge_join_requests",
            schedule.DAILY,
            "Deletes join requests declined, left pending or never confirmed, after the retention "
            "period.",
        ),
    ]


@hooks.register(personal_data.PERSONAL_DATA_HOOK)
def personal_data_sources():
    return membership_data_sources()


@hooks.register(impact.IMPACT_SECTIONS_HOOK)
def impact_members_section():
    return impact.ImpactSection(
        "members",
        "Members by sector and council area",
        "pages/membership/impact/members.html",
        membership_impact.members_by_sector_and_area,
        order=10,
    )


@hooks.register(impact.IMPACT_SECTIONS_HOOK)
def impact_joiners_section():
    return impact.ImpactSection(
        "joiners_leavers",
        "Joiners and leavers",
        "pages/membership/impact/joiners_leavers.html",
        membership_impact.joiners_and_leavers,
        order=20,
    )
