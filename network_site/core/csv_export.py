"""The one way to write a CSV export.

Every cell that a spreadsheet would run as a formula (one that starts with = + - @, a tab or a carriage
return) is written with a leading apostrophe, which spreadsheets show as text; and every file starts
with a UTF-8 byte-order mark, so that Excel reads accents and curly quotes as they are.

`restore_cell` undoes `neutralise_cell`, for importers that read our own exports back.
"""

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from django.http import HttpResponse
from django.utils.http import content_disposition_header

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"
TEXT_MARK = "'"


def _looks_neutralised(text: str) -> bool:
    # An apostrophe (or several) before a formula start: neutralised once more, so that
    # restoring it gives back exactly the text that was written.
    return text.startswith(TEXT_MARK) and text.lstrip(TEXT_MARK).startswith(FORMULA_STARTS)


def neutralise_cell(value: Any) -> str:
    """The cell's text, made inert for spreadsheets."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) or _looks_neutralised(text):
        return TEXT_MARK + text
    return text


def restore_cell(text: str) -> str:
    """The text a neutralised cell stood for."""
    return text[1:] if _looks_neutralised(text) else text


def write_csv(stream: TextIO | HttpResponse, header: Iterable, rows: Iterable[Iterable]) -> None:
    """Writes the byte-order mark, the header and the rows, every cell neutralised."""
    stream.write(UTF8_BOM)
    writer = csv.writer(stream)
    writer.writerow([neutralise_cell(cell) for cell in header])
    writer.writerows([neutralise_cell(cell) for cell in row] for row in rows)


def csv_response(
    filename: str, header: Iterable, rows: Iterable[Iterable], *, private: bool = True
) -> HttpResponse:
    """A CSV download. `private` (the default) for anything with personal data: never cached."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    if private:
        response["Cache-Control"] = "private, no-store"
    write_csv(response, header, rows)
    return response
