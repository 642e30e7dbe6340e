"""Demo content: the one loader, the register apps add their loaders to, and helpers that let
each app's content be loaded again and again with the same result."""

import json
from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TextIO

from django.db import transaction
from django.utils.module_loading import import_string
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail import hooks
from wagtail.fields import StreamField
from wagtail.models import Page

# The hook whose functions each give an app's (app label, dotted path of its `load(context)`), given
# `context["home"]` and `context["stdout"]`. Wagtail reads the apps' wagtail_hooks.py in
# INSTALLED_APPS order, which is also the order of their pages in the menu.
DEMO_CONTENT_HOOK = "register_demo_content"


def demo_loaders() -> dict[str, str]:
    return dict(give() for give in hooks.get_hooks(DEMO_CONTENT_HOOK))


def demo_app_labels() -> list[str]:
    return list(demo_loaders())


def demo_modules() -> list:
    """The modules of the registered loaders, in order; one may also offer `accounts()`, the demo
    sign-ins that `show_demo_accounts` prints."""
    return [import_module(path.rsplit(".", 1)[0]) for path in demo_loaders().values()]


def load_demo_content(app_labels: Iterable[str] | None = None, *, stdout: TextIO) -> None:
    """The core pages and the admin account, then every registered app's content (or only
    `app_labels`'), in one transaction."""
    from .demo_pages import arrange_home_and_navigation, ensure_admin_account, load_core_pages

    loaders = demo_loaders()
    wanted = list(loaders) if app_labels is None else list(app_labels)
    unknown = set(wanted) - set(loaders)
    if unknown:
        raise ValueError(f"No demo content registered for {', '.join(sorted(unknown))}")
    with transaction.atomic():
        context = {"stdout": stdout, "home": load_core_pages()}
        for app_label, loader_path in loaders.items():
            if app_label in wanted:
                loader: Callable[[dict], None] = import_string(loader_path)
                loader(context)
        arrange_home_and_navigation(context["home"])
        ensure_admin_account(stdout)


def rich_text(*paragraphs):
    """StreamField 'paragraph' blocks from plain paragraphs, each already safe HTML."""
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def stream(*blocks):
    """StreamField raw data from (block_type, value) pairs, as JSON."""
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


def upsert_page(parent, page_class, slug, relations=None, **fields):
    """The live child of `parent` with this slug, created or brought up to date, then published.

    `relations` gives the page's many-to-many relations (a list of records) and tags (a list of
    names), set before it is published so that a new page gets one revision. A page whose fields
    and relations already match is left alone, so running the loader twice adds no revisions.
    """
    relations = relations or {}
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        page = page_class(slug=slug, **fields)
        for name, wanted in relations.items():
            _set_relation(page, name, wanted)
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
    for name, wanted in relations.items():
        if _relation_keys(page, name, getattr(page, name).all()) != _relation_keys(
            page, name, wanted
        ):
            _set_relation(page, name, wanted)
            changed = True
    if changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
    return page


def _is_tags(page, name):
    return isinstance(page._meta.get_field(name), ClusterTaggableManager)


def _relation_keys(page, name, items):
    """What a relation holds, comparable whatever the order: tag names, or records' keys."""
    if _is_tags(page, name):
        return sorted(str(item) for item in items)
    return sorted(item.pk for item in items)


def _set_relation(page, name, wanted):
    if _is_tags(page, name):
        getattr(page, name).set(list(wanted), clear=True)
    else:
        setattr(page, name, list(wanted))


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
