"""Membership's section for the home page: how to join (see core's home_sections)."""


def join_section(request):
    """Shown to visitors; a signed-in member has already joined."""
    if request is not None and request.user.is_authenticated:
        return None
    return {}
