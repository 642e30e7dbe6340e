"""The one way to write a CSV export.

Every cell that a spreadsheet would run as a formula (one that starts with = + - @, a tab or a carriage
return) is written with a leading apostrophe, which spreadsheets show as text; and every file starts
with a UTF-8 byte-order mark, so that Excel reads accents and curly quotes as they are.

`restore_cell` undoes `neutralise_cell`, for importers that read our own exports back.

`NeutraliseCsvMiddleware` does the same for every other CSV the site sends, Wagtail's own admin
exports included (site history, workflows, workflow tasks, every listing with a CSV button), so
that no download escapes: one place, whichever view wrote the file.
"""

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
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
    response.cells_neutralised = True
    response["Content-Disposition"] = content_disposition_header(True, filename)
    if private:
        response["Cache-Control"] = "private, no-store"
    write_csv(response, header, rows)
    return response


def neutralised_csv_text(text: str) -> str:
    """CSV text (whole records) with every cell neutralised."""
    output = io.StringIO()
    writer = csv.writer(output)
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([neutralise_cell(cell) for cell in row])
    return output.getvalue()


def neutralised_csv_chunks(chunks: Iterable[bytes], charset: str) -> Iterator[bytes]:
    """A streamed CSV, neutralised as it goes: each run of chunks that ends a record (a line end
    outside quotes) is rewritten and sent on."""
    decoder = codecs.getincrementaldecoder(charset)()
    pending = ""
    for chunk in chunks:
        pending += decoder.decode(chunk)
        if pending.endswith("\n") and pending.count('"') % 2 == 0:
            yield neutralised_csv_text(pending).encode(charset)
            pending = ""
    pending += decoder.decode(b"", final=True)
    if pending:
        yield neutralised_csv_text(pending).encode(charset)


class NeutraliseCsvMiddleware:
    """Every CSV response not written by `csv_response`, with its cells neutralised."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        is_csv = response.get("Content-Type", "").split(";")[0].strip() == "text/csv"
        if not is_csv or getattr(response, "cells_neutralised", False):
            return response
        if response.streaming:
            response.streaming_content = neutralised_csv_chunks(
                response.streaming_content, response.charset
            )
        else:
            text = response.content.decode(response.charset)
            response.content = neutralised_csv_text(text).encode(response.charset)
        response.cells_neutralised = True
        return response
