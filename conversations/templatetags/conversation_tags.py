from django import template
from django.urls import reverse

from network_site.core.impact import count_about_people
from network_site.membership.access import is_member

from ..access import has_conversation, responses_open
from ..models import Contribution

register = template.Library()


@register.inclusion_tag("pages/conversations/includes/summary.html", takes_context=True)
def conversation_summary(context, page):
    """On a page members can respond to: how many responses there are (visitors see only that)
    and, for members, the way in. Never a word of what was said."""
    if page.pk is None or not has_conversation(page):
        return {"shown": False}  # a preview of a page not yet saved has no conversation
    request = context.get("request")
    member = request is not None and is_member(request.user)
    count = Contribution.objects.filter(page_id=page.pk, status=Contribution.Status.VISIBLE).count()
    return {
        "shown": True,
        "count": count,
        "is_member": member,
        "is_open": responses_open(page) if member else None,
        "conversation_url": reverse("conversations:page", args=[page.pk]),
        "login_url": reverse("account_login")
        + "?next="
        + reverse("conversations:page", args=[page.pk]),
    }


@register.filter
def shown_name(user):
    """How a contributor is named to other members: as the directory names them."""
    if user is None:
        return "A former member"
    profile = getattr(user, "member_profile", None)
    if profile is not None and not profile.show_name:
        return "A network member"
    return user.get_full_name() or "A network member"


@register.filter
def people_count(count):
    """A count of people, never below five (see network_site.core.impact)."""
    return count_about_people(count)


@register.filter
def equal_to(value, other):
    return value == other
