from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst

from ..blocks import page_summary
from ..site_address import absolute_url

register = template.Library()


@register.simple_tag
def breadcrumb_ancestors(page):
    """The page's ancestors below the tree's root, home page first."""
    return list(page.get_ancestors()[1:])


@register.filter
def in_section(page, paths):
    """True when `page` lies at or below any of these tree paths (a navigation item's section)."""
    page_path = getattr(page, "path", "") if page else ""
    return bool(page_path) and any(page_path.startswith(path) for path in paths)


SITE_DESCRIPTION = (
    "An open network in Scotland for people in health, social care and housing who plan support "
    "around what matters to each person."
)


@register.simple_tag
def sharing_description(page):
    """The description for search engines and link previews: the page's own words, else the site's."""
    return (page_summary(page) if page else "") or SITE_DESCRIPTION


@register.simple_tag
def site_absolute_url(path):
    """A path (or a static file's URL) on the site's one public address, for link previews."""
    return absolute_url(path)


@register.filter
def search_result_label(page):
    """What a search result is: the page type's own `search_result_label`, else its model's name."""
    label = getattr(page, "search_result_label", "")
    return label or capfirst(page.specific_class._meta.verbose_name.removesuffix(" page"))


@register.filter
def search_summary(page):
    """A line or two for every search result: its description, introduction or summary, else the
    opening words of its text."""
    summary = page_summary(page)
    if not summary:
        body = getattr(page.specific_deferred, "body", None)
        paragraphs = [
            strip_tags(block.get("value", ""))
            for block in (body.raw_data if body is not None else [])
            if block.get("type") == "paragraph"
        ]
        summary = " ".join(paragraphs)
    return Truncator(summary).words(40)


@register.simple_tag
def page_links(items):
    """The page numbers to link to around the current page: the first and last, two either side
    of the current one, and an ellipsis for each gap, never one link per page."""
    return list(items.paginator.get_elided_page_range(items.number, on_each_side=2, on_ends=1))


@register.simple_block_tag(takes_context=True)
def metadata_item(context, content, key):
    """One key and value of a page's metadata row (the design system's `ds_metadata`):
    `{% metadata_item "Published" %}value{% endmetadata_item %}`, drawn by its component template."""
    item = context.template.engine.get_template("components/metadata_item.html")
    with context.push(key=key, value=content):
        return item.render(context)


@register.inclusion_tag("components/page_header_links.html", takes_context=True)
def page_header_links(context):
    """Links the apps add under the page's title (network_site/core/page_links.py)."""
    from ..page_links import header_links

    return {"links": header_links(context.get("page"), context.get("request"))}
