"""Django's `{# ... #}` comment ends at the end of its line: one spread over several lines is
printed on the page as text (and any markup in it is drawn). Longer notes use {% comment %}."""

import re
from pathlib import Path

from django.conf import settings
from django.template.utils import get_app_template_dirs

ONE_LINE_COMMENT = re.compile(r"\{#(.*?)#\}", re.S)


def template_files():
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    folders += [Path(folder) for folder in get_app_template_dirs("templates")]
    project = Path(settings.BASE_DIR).resolve()
    for folder in folders:
        if project in folder.resolve().parents and ".venv" not in folder.parts:
            yield from (path for path in folder.rglob("*") if path.suffix in {".html", ".txt"})


def test_no_template_spreads_a_one_line_comment_over_several_lines():
    files = list(template_files())
    assert len(files) > 50
    spread = [
        f"{path}:{path.read_text()[: match.start()].count(chr(10)) + 1}"
        for path in files
        for match in ONE_LINE_COMMENT.finditer(path.read_text())
        if "\n" in match.group(1)
    ]
    assert spread == []
