from django import template

from network_site.membership.access import is_member

from .. import targets
from ..models import Follow

register = template.Library()


@register.inclusion_tag("pages/following/follow_button.html", takes_context=True)
def follow_button(context, obj, what="this page"):
    """A Follow or Unfollow button (a form: no JavaScript needed) for signed-in members. Pages that
    show it to a member are never stored for visitors (members' requests are not page-cached)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not is_member(user):
        return {"show": False}
    followable = targets.followable_for(obj)
    if followable is None:
        return {"show": False}
    existing = Follow.objects.filter(
        user=user, content_type=targets.content_type_of(obj), object_id=obj.pk
    ).first()
    return {
        "show": True,
        "request": request,
        "existing": existing,
        "target_type": followable.key,
        "target_id": obj.pk,
        "what": what,
        "next": request.get_full_path(),
    }
