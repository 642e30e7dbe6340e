"""A reader of a PDF's accessibility structure, for tests of documents that must be PDF/UA.

    structure = read_pdf_structure(pdf_bytes)
    assert pdf_ua_problems(structure, title="Understanding personal outcomes") == []

`read_pdf_structure` reads, with pypdf's public interface only:

- the catalogue's /Lang, /MarkInfo /Marked, /ViewerPreferences /DisplayDocTitle, the document
  information's /Title and the XMP metadata's PDF/UA identifier (pdfuaid:part);
- the structure tree (/StructTreeRoot), element by element in the order of the tree, which is the
  reading order: each element's role (/S: H1, P, Figure...), its /Alt and /ActualText, and the text
  of the marked content it owns (found by its MCIDs in the page's content stream);
- text drawn outside any marked content (neither tagged nor marked as an artifact);
- the outline (bookmarks), with each entry's depth.

`pdf_ua_problems` turns what PDF/UA-1 asks that a program can check into a list of sentences, one per
problem, so that a failing test says what is wrong. What it cannot check is written down in
docs/testing.md ("PDF documents").
"""

import io
import re
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

HEADING = re.compile(r"^H([1-6])$")
PDFUA_PART = re.compile(rb"pdfuaid:part(?:>|=\")\s*(\d)")


@dataclass
class Element:
    """One element of the structure tree."""

    role: str  # /S without its slash: "H1", "P", "Figure"
    alt: str | None
    actual_text: str | None
    text: str  # the text of the marked content it owns, its children's included
    depth: int

    @property
    def heading_level(self):
        match = HEADING.match(self.role)
        return int(match.group(1)) if match else None


@dataclass
class Bookmark:
    title: str
    depth: int  # 0 for a top-level entry


@dataclass
class PdfStructure:
    title: str | None
    display_doc_title: bool
    language: str | None
    marked: bool
    pdf_ua_part: int | None
    elements: list[Element] = field(default_factory=list)  # in reading order
    untagged_text: list[str] = field(default_factory=list)
    bookmarks: list[Bookmark] = field(default_factory=list)
    has_structure_tree: bool = False

    @property
    def headings(self):
        """(level, text) of each heading element, in reading order."""
        return [
            (element.heading_level, element.text)
            for element in self.elements
            if element.heading_level is not None
        ]

    @property
    def figures(self):
        return [element for element in self.elements if element.role == "Figure"]

    @property
    def roles(self):
        return [element.role for element in self.elements]


def squeeze(text):
    return " ".join(text.split())


def without_spaces(text):
    """Text to compare: a line break inside a heading is drawn as two runs with no space."""
    return "".join(text.split())


def resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def marked_content_text(reader):
    """({(page index, MCID): text}, [text drawn outside marked content]) for every page."""
    by_mcid, untagged = {}, []
    for page_number, page in enumerate(reader.pages):
        # Each open marked-content sequence: its MCID, or "artifact", or None (tagged, no MCID).
        stack = []

        def before(operator, operands, cm, tm, stack=stack):
            if operator == b"BDC":
                properties = resolved(operands[1]) if len(operands) > 1 else None
                mcid = properties.get("/MCID") if isinstance(properties, dict) else None
                is_artifact = operands[0] == "/Artifact"
                stack.append("artifact" if is_artifact else mcid)
            elif operator == b"BMC":
                stack.append("artifact" if operands[0] == "/Artifact" else None)
            elif operator == b"EMC" and stack:
                stack.pop()

        def text_shown(text, cm, tm, font, size, stack=stack, page_number=page_number):
            if not text.strip():
                return
            if "artifact" in stack:
                return
            mcids = [mcid for mcid in stack if isinstance(mcid, int)]
            if not mcids:
                untagged.append(text)
                return
            key = (page_number, mcids[-1])
            by_mcid[key] = by_mcid.get(key, "") + text

        page.extract_text(visitor_operand_before=before, visitor_text=text_shown)
    return by_mcid, untagged


def page_index(reader, page_reference):
    if page_reference is None:
        return None
    target = resolved(page_reference)
    for number, page in enumerate(reader.pages):
        if page.get_object() is target or page.indirect_reference == page_reference:
            return number
    return None


def walk_structure(reader, node, texts, depth, inherited_page, elements):
    """Appends the elements under `node` to `elements` in the tree's order; returns the text of
    the marked content `node` owns."""
    node = resolved(node)
    if isinstance(node, ArrayObject | list):
        return "".join(
            walk_structure(reader, kid, texts, depth, inherited_page, elements) for kid in node
        )
    if isinstance(node, int):  # a marked-content id on the inherited page
        return texts.get((inherited_page, node), "")
    if not isinstance(node, DictionaryObject):
        return ""
    if node.get("/Type") == "/MCR":
        page = page_index(reader, node.get("/Pg")) if "/Pg" in node else inherited_page
        return texts.get((page, node.get("/MCID")), "")
    if node.get("/Type") == "/OBJR":
        return ""
    page = page_index(reader, node.get("/Pg")) if "/Pg" in node else inherited_page
    role = str(node.get("/S", "")).lstrip("/")
    element = None
    if role:
        element = Element(
            role=role,
            alt=str(node["/Alt"]) if "/Alt" in node else None,
            actual_text=str(node["/ActualText"]) if "/ActualText" in node else None,
            text="",
            depth=depth,
        )
        elements.append(element)
    text = walk_structure(reader, node.get("/K"), texts, depth + 1, page, elements)
    if element is not None:
        element.text = squeeze(text)
    return text


def read_bookmarks(reader, outline=None, depth=0):
    bookmarks = []
    for item in reader.outline if outline is None else outline:
        if isinstance(item, list):
            bookmarks.extend(read_bookmarks(reader, item, depth + 1))
        else:
            bookmarks.append(Bookmark(squeeze(str(item.title)), depth))
    return bookmarks


def read_pdf_structure(pdf):
    """The structure of the PDF in `pdf` (bytes)."""
    reader = PdfReader(io.BytesIO(pdf))
    catalogue = reader.trailer["/Root"]
    preferences = resolved(catalogue.get("/ViewerPreferences")) or {}
    mark_info = resolved(catalogue.get("/MarkInfo")) or {}
    metadata = reader.metadata or {}
    xmp = resolved(catalogue.get("/Metadata"))
    xmp_bytes = xmp.get_data() if xmp is not None else b""
    part = PDFUA_PART.search(xmp_bytes)
    structure = PdfStructure(
        title=str(metadata["/Title"]) if "/Title" in metadata else None,
        display_doc_title=bool(preferences.get("/DisplayDocTitle", False)),
        language=str(catalogue["/Lang"]) if "/Lang" in catalogue else None,
        marked=bool(mark_info.get("/Marked", False)),
        pdf_ua_part=int(part.group(1)) if part else None,
    )
    texts, structure.untagged_text = marked_content_text(reader)
    tree = resolved(catalogue.get("/StructTreeRoot"))
    if tree is not None:
        structure.has_structure_tree = True
        walk_structure(reader, tree.get("/K"), texts, 0, None, structure.elements)
    structure.bookmarks = read_bookmarks(reader)
    return structure


def pdf_ua_problems(structure, *, title=None, language="en-GB"):
    """What this PDF lacks of PDF/UA-1's checkable rules, one sentence each ([] when none)."""
    problems = []
    if structure.pdf_ua_part != 1:
        problems.append("The XMP metadata does not say the file is PDF/UA-1 (pdfuaid:part).")
    if not structure.title:
        problems.append("The document has no title.")
    elif title is not None and structure.title != title:
        problems.append(f"The title is {structure.title!r}, not {title!r}.")
    if not structure.display_doc_title:
        problems.append("Viewers are not told to show the title (DisplayDocTitle).")
    if not structure.language:
        problems.append("The document has no language (/Lang).")
    elif language is not None and structure.language.lower() != language.lower():
        problems.append(f"The language is {structure.language!r}, not {language!r}.")
    if not structure.marked:
        problems.append("The document is not marked as tagged (/MarkInfo /Marked).")
    if not structure.has_structure_tree or not structure.elements:
        problems.append("The document has no structure tree (no tags).")
    if structure.untagged_text:
        sample = squeeze(" ".join(structure.untagged_text))[:80]
        problems.append(f"Text is drawn outside the tags and is not an artifact: {sample!r}.")
    for figure in structure.figures:
        if not (figure.alt or "").strip() and not (figure.actual_text or "").strip():
            problems.append("A figure has no alternative text (/Alt).")
    problems.extend(heading_problems(structure))
    return problems


def outline_depths(headings):
    """The depth of each heading's bookmark: under the last heading of a higher level."""
    depths, open_levels = [], []
    for level, _ in headings:
        while open_levels and open_levels[-1] >= level:
            open_levels.pop()
        depths.append(len(open_levels))
        open_levels.append(level)
    return depths


def heading_problems(structure):
    """Headings that skip a level, and bookmarks that do not follow the headings."""
    problems = []
    headings = structure.headings
    if headings and headings[0][0] != 1:
        problems.append(f"The first heading is H{headings[0][0]}, not H1.")
    for (previous, _), (level, text) in zip(headings, headings[1:], strict=False):
        if level > previous + 1:
            problems.append(f"The heading {text!r} (H{level}) skips a level after H{previous}.")
    bookmark_titles = [bookmark.title for bookmark in structure.bookmarks]
    heading_texts = [text for _, text in headings]
    if not bookmark_titles and headings:
        problems.append("The document has headings but no bookmarks.")
    elif list(map(without_spaces, bookmark_titles)) != list(map(without_spaces, heading_texts)):
        problems.append(
            f"The bookmarks {bookmark_titles} are not the headings {heading_texts}, in order."
        )
    elif [bookmark.depth for bookmark in structure.bookmarks] != outline_depths(headings):
        problems.append("The bookmarks are not nested as the headings are.")
    return problems


def assert_pdf_ua(pdf, *, title=None, language="en-GB"):
    """Fails with the list of problems when `pdf` (bytes) is not PDF/UA as far as a test can tell;
    returns the structure for further checks."""
    structure = read_pdf_structure(pdf)
    problems = pdf_ua_problems(structure, title=title, language=language)
    assert problems == [], "\n".join(problems)
    return structure
