"""The words of any page, field by field, for the language check in the admin.

Read from the page's own search fields (what site search reads), so that every page type, those
added later included, is checked without a list of its fields here.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index


def text_of_value(model_field, value):
    if isinstance(model_field, StreamField):
        return "\n\n".join(strip_tags(part) for part in model_field.get_searchable_content(value))
    if isinstance(model_field, RichTextField):
        return strip_tags(value or "")
    return value if isinstance(value, str) else ""


def page_fields_text(page):
    """(name, label, text) for each searchable text field of `page` that has words."""
    fields = []
    seen = set()
    for search_field in page.search_fields:
        if not isinstance(search_field, index.SearchField) or search_field.field_name in seen:
            continue
        seen.add(search_field.field_name)
        try:
            model_field = page._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:
            continue
        text = text_of_value(model_field, getattr(page, search_field.field_name, ""))
        if text.strip():
            fields.append((model_field.name, str(model_field.verbose_name).capitalize(), text))
    return fields
