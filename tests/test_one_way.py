"""One way in templates and code: HTML comes from templates, not from strings in Python."""

import ast
from pathlib import Path

from django.conf import settings

SOURCE_PACKAGES = ["network_site", "stories", "resources", "events", "mapping"]
HTML_IN_PYTHON = {"mark_safe", "format_html", "format_html_join", "SafeString"}


def source_files():
    base = Path(settings.BASE_DIR)
    for package in SOURCE_PACKAGES:
        for path in sorted((base / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_module_builds_html_as_strings():
    """A page's markup is a template; Python that glues HTML together with mark_safe or
    format_html escapes by hand what a template escapes by itself."""
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}:{node.lineno} {node.id}"
        for path in source_files()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Name) and node.id in HTML_IN_PYTHON
    ]
    assert offenders == []
