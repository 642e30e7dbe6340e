from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from .services import confirm_join_request


@receiver(email_confirmed)
def join_request_confirmed(sender, request, email_address, **kwargs):
    confirm_join_request(request, email_address.user)
