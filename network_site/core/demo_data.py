"""Demo content kept as data: Markdown pages with YAML front matter, and YAML records.

A page file looks like this:

    ---
    title: What personal outcomes are
    introduction: Outcomes are about the difference support makes to a life.
    ---
    A paragraph of Markdown, then another.

    ## A heading

    ```reflection_prompts
    prompts:
      - question: Which parts of your last plan describe outcomes?
        guidance: Look for verbs.
    ```

The front matter gives the page's fields. The body becomes the page's StreamField: a `##`, `###` or
`####` line is a heading block, the Markdown between headings one paragraph block, and a fenced block
named after a block type holds that block's value in YAML (its rich-text parts written in Markdown).
The file name is the page's slug; a number in front (`01-`) only orders the files in a folder.

Every problem with a file is a `DemoDataError` that names the file.
"""

import re
from pathlib import Path
from typing import Any, NamedTuple

import markdown
import yaml
from django.core.exceptions import FieldDoesNotExist
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page

from .demo import upsert_page

FRONT_MATTER_FENCE = "---"
HEADING_LINE = re.compile(r"^(#{2,4})\s+(.+?)\s*#*\s*$")
FENCE_LINE = re.compile(r"^```\s*(\S*)\s*$")
ORDER_PREFIX = re.compile(r"^\d+-")
BREAK_AFTER_BLOCK_TAG = re.compile(r"(</(?:p|li|ul|ol|blockquote)>|<(?:ul|ol)>)\s+(?=<)")
SOFT_LINE_BREAK = re.compile(r"\s*\n\s*")


class DemoDataError(ValueError):
    """A demo data file that cannot be read as it stands; the message names the file."""

    def __init__(self, path: Path, problem: str):
        super().__init__(f"{path}: {problem}")


def read_yaml(path: Path) -> Any:
    """The YAML file's data."""
    return _parse_yaml(path, _read_text(path))


def read_records(path: Path, required: set[str]) -> list[dict]:
    """A YAML file that is a list of records, each with at least the `required` keys."""
    return check_records(path, read_yaml(path), required)


def check_records(path: Path, records: Any, required: set[str], what: str = "record") -> list[dict]:
    """`records` if they are a list of mappings, each with at least the `required` keys."""
    if not isinstance(records, list) or not all(isinstance(entry, dict) for entry in records):
        raise DemoDataError(path, f"a list of {what}s ('- name: value' items) is expected.")
    for position, entry in enumerate(records, 1):
        missing = required - set(entry)
        if missing:
            raise DemoDataError(path, f"{what} {position} lacks {', '.join(sorted(missing))}.")
    return records


def check_fields(path: Path, model: type, names, where: str = "") -> None:
    """Refuses a name that is not a field of `model`, naming the file."""
    for name in names:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            place = f"{where}: " if where else ""
            raise DemoDataError(path, f"{place}{model.__name__} has no field '{name}'.") from None


def by_slug(path: Path, where: str, known: dict, slugs) -> list:
    """The objects `slugs` name in `known` ({slug: object}), refusing a slug that is not there."""
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise DemoDataError(
            path, f"{where}: no {', '.join(unknown)} (known: {', '.join(sorted(known))})."
        )
    return [known[slug] for slug in slugs]


def markdown_html(text: str) -> str:
    """Rich-text HTML from Markdown, as Wagtail's rich-text fields store it: no line breaks between
    blocks, and a paragraph's wrapped lines joined with spaces."""
    html = markdown.markdown(text.strip())
    html = BREAK_AFTER_BLOCK_TAG.sub(r"\1", html)
    return SOFT_LINE_BREAK.sub(" ", html)


def slug_from_path(path: Path) -> str:
    return ORDER_PREFIX.sub("", path.stem)


class PageFile(NamedTuple):
    front_matter: dict[str, Any]
    body: str
    body_line: int  # the file's line number of the body's first line, for messages


def read_page_file(path: Path) -> PageFile:
    """The file's front matter, and its Markdown body."""
    lines = _read_text(path).splitlines()
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise DemoDataError(path, "a page file starts with '---' and its front matter.")
    try:
        end = next(
            index for index, line in enumerate(lines[1:], 1) if line.strip() == FRONT_MATTER_FENCE
        )
    except StopIteration:
        raise DemoDataError(path, "the front matter has no closing '---' line.") from None
    front_matter = _parse_yaml(path, "\n".join(lines[1:end])) or {}
    if not isinstance(front_matter, dict):
        raise DemoDataError(path, "the front matter must be a set of 'field: value' lines.")
    return PageFile(front_matter, "\n".join(lines[end + 1 :]), end + 2)


def page_fields(path: Path, page_class: type[Page]) -> dict[str, Any]:
    """The page's fields from its file: the front matter, with the Markdown body as its StreamField."""
    fields, body, body_line = read_page_file(path)
    check_fields(path, page_class, fields)
    if body.strip():
        field_name = _stream_field_name(path, page_class)
        stream_block = page_class._meta.get_field(field_name).stream_block
        fields[field_name] = markdown_stream(body, stream_block, path, body_line)
    return fields


def upsert_page_from_file(parent: Page, page_class: type[Page], path: Path, **extra_fields) -> Page:
    """The page the file describes, created or brought up to date under `parent` (see upsert_page)."""
    return upsert_page(
        parent, page_class, slug_from_path(path), **page_fields(path, page_class), **extra_fields
    )


def upsert_pages_from_folder(
    parent: Page, folder: Path, page_class: type[Page], page_classes: dict | None = None
) -> list[Page]:
    """A page for each Markdown file in `folder`, in file-name order; `page_classes` gives the class
    of a page, by slug, that is not a `page_class`."""
    paths = sorted(folder.glob("*.md"))
    if not paths:
        raise DemoDataError(folder, "the folder holds no Markdown (.md) files.")
    return [
        upsert_page_from_file(
            parent, (page_classes or {}).get(slug_from_path(path), page_class), path
        )
        for path in paths
    ]


def markdown_stream(
    text: str, stream_block: blocks.StreamBlock, path: Path, first_line: int = 1
) -> list[dict]:
    """StreamField data from a Markdown body: headings, paragraphs and fenced blocks (see above)."""
    stream, prose = [], []

    def end_paragraph():
        if "".join(prose).strip():
            stream.append({"type": "paragraph", "value": markdown_html("\n".join(prose))})
        prose.clear()

    lines = iter(enumerate(text.splitlines(), first_line))
    for number, line in lines:
        if heading := HEADING_LINE.match(line):
            end_paragraph()
            level = f"h{len(heading.group(1))}"
            stream.append({"type": "heading", "value": {"text": heading.group(2), "level": level}})
        elif fence := FENCE_LINE.match(line):
            end_paragraph()
            block_type = fence.group(1)
            content = []
            for _number, fenced_line in lines:
                if FENCE_LINE.match(fenced_line):
                    break
                content.append(fenced_line)
            else:
                raise DemoDataError(path, f"the block opened on line {number} is never closed.")
            stream.append(_fenced_block(path, number, stream_block, block_type, content))
        else:
            prose.append(line)
    end_paragraph()
    return stream


def _fenced_block(path, line_number, stream_block, block_type, content_lines):
    where = f"line {line_number}"
    if block_type not in stream_block.child_blocks:
        known = ", ".join(sorted(stream_block.child_blocks))
        raise DemoDataError(path, f"{where}: no block type '{block_type}' here (known: {known}).")
    value = _parse_yaml(path, "\n".join(content_lines), where)
    return {
        "type": block_type,
        "value": _value_for_block(
            path, where, block_type, stream_block.child_blocks[block_type], value
        ),
    }


def _value_for_block(path, where, name, block, value):
    """The block's raw value, with rich text converted from Markdown; unknown keys refused."""
    if isinstance(block, blocks.RichTextBlock):
        if not isinstance(value, str):
            raise DemoDataError(path, f"{where}: '{name}' should be Markdown text.")
        return markdown_html(value)
    if isinstance(block, blocks.StructBlock):
        if not isinstance(value, dict):
            raise DemoDataError(path, f"{where}: '{name}' should be a set of fields.")
        unknown = set(value) - set(block.child_blocks)
        if unknown:
            raise DemoDataError(
                path, f"{where}: '{name}' has no field {', '.join(sorted(unknown))}."
            )
        return {
            key: _value_for_block(path, where, key, block.child_blocks[key], item)
            for key, item in value.items()
        }
    if isinstance(block, blocks.ListBlock):
        if not isinstance(value, list):
            raise DemoDataError(path, f"{where}: '{name}' should be a list.")
        return [_value_for_block(path, where, name, block.child_block, item) for item in value]
    return value


def _stream_field_name(path, page_class):
    names = [field.name for field in page_class._meta.fields if isinstance(field, StreamField)]
    if "body" in names:
        return "body"
    if len(names) == 1:
        return names[0]
    raise DemoDataError(
        path, f"{page_class.__name__} has no single StreamField for the Markdown body."
    )


def _read_text(path):
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DemoDataError(path, "the file is missing.") from None
    except UnicodeDecodeError:
        raise DemoDataError(path, "the file is not UTF-8 text.") from None


def _parse_yaml(path, text, where=""):
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        problem = str(error).replace("\n", " ")
        raise DemoDataError(
            path, f"{where + ': ' if where else ''}not readable YAML: {problem}"
        ) from None
