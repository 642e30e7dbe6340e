from allauth.account import app_settings
from allauth.account.models import EmailAddress
from django import template
from django.core import signing

register = template.Library()


@register.simple_tag
def confirmation_link_was_used(key):
    """True when an email confirmation link is genuine and its address is already confirmed.

    allauth treats such a link as unknown; saying "already confirmed" instead tells the person that
    there is nothing left to do. The signature is checked, so this reveals nothing about other keys.
    """
    try:
        pk = signing.loads(key or "", salt=app_settings.SALT)
    except signing.BadSignature:
        return False
    return EmailAddress.objects.filter(pk=pk, verified=True).exists()
