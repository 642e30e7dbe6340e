"""Helpers that let each app's demo content be loaded again and again with the same result."""

import json

from wagtail.fields import StreamField
from wagtail.models import Page


def rich_text(*paragraphs):
    """StreamField 'paragraph' blocks from plain paragraphs, each already safe HTML."""
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def stream(*blocks):
    """StreamField raw data from (block_type, value) pairs, as JSON."""
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


def upsert_page(parent, page_class, slug, **fields):
    """The live child of `parent` with this slug, created or brought up to date, then published.

    A page whose fields already match is left alone, so running the loader twice adds no revisions.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    page = existing.specific
    if not isinstance(page, page_class):
        raise TypeError(
            f"{page.url_path} is a {type(page).__name__}, expected {page_class.__name__}"
        )
    changed = False
    for name, value in fields.items():
        field = page._meta.get_field(name)
        current = field.value_from_object(page)
        if isinstance(field, StreamField):
            stream_block = field.stream_block
            current = _without_block_ids(stream_block.get_prep_value(current))
            wanted = stream_block.to_python(json.loads(value) if isinstance(value, str) else value)
            value_to_compare = _without_block_ids(stream_block.get_prep_value(wanted))
        else:
            value_to_compare = value
        if current != value_to_compare:
            setattr(page, name, value)
            changed = True
    if changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
    return page


def _without_block_ids(data):
    """Stream data with the generated block ids dropped, so equal content compares equal."""
    if isinstance(data, list):
        return [_without_block_ids(item) for item in data]
    if isinstance(data, dict):
        if set(data) <= {"type", "value", "id"} and data.get("type") == "item":
            return _without_block_ids(data["value"])
        return {key: _without_block_ids(value) for key, value in data.items() if key != "id"}
    return data


def delete_default_welcome_page():
    """Wagtail's migrations make a placeholder page under the root; the demo home replaces it."""
    for page in Page.get_first_root_node().get_children():
        if page.specific_class is Page:
            page.delete()
