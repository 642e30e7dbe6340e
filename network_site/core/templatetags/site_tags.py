from django import template

register = template.Library()


@register.filter
def is_within(page, section):
    """True when `page` is `section` or lies below it in the tree."""
    return bool(page and section and getattr(page, "path", "").startswith(section.path))
