from urllib.parse import urlencode

from django import template
from django.urls import reverse

from network_site.membership.access import is_member

register = template.Library()


@register.inclusion_tag("pages/learning_log/reflect_link.html", takes_context=True)
def reflect_on_this(context, page):
    """ "Reflect on this" for a member reading `page`; nothing for anyone else. Pages that show
    it answer signed-in members only with private, uncached responses, so a visitor's copy in
    the page cache never has it."""
    request = context.get("request")
    if request is None or page is None or not is_member(request.user):
        return {"prompt": None}
    new_url = reverse("learning_log:new") + "?" + urlencode({"page": page.pk})
    return {"prompt": page, "new_url": new_url}
