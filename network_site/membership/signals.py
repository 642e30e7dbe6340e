from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from .models import MemberProfile
from .services import confirm_join_request

PREVIOUS_VISIT_SESSION_KEY = "membership_previous_visit"


@receiver(email_confirmed)
def join_request_confirmed(sender, request, email_address, **kwargs):
    confirm_join_request(request, email_address.user)


@receiver(user_logged_in)
def remember_previous_visit(sender, request, user, **kwargs):
    """Keeps the last visit for this session ("what is new since"), then marks this one."""
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is None or request is None:
        return
    previous = profile.last_visit_at or user.date_joined
    request.session[PREVIOUS_VISIT_SESSION_KEY] = previous.isoformat()
    MemberProfile.objects.filter(pk=profile.pk).update(last_visit_at=timezone.now())
