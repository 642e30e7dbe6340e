"""The one CSV helper: formula-like cells become text, files start with a UTF-8 byte-order mark."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from network_site.core.csv_export import (
    csv_response,
    neutralise_cell,
    neutralised_csv_chunks,
    restore_cell,
)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 131 000", "'+44 131 000"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Morag", "Morag"),
        ("'quoted", "'quoted"),
        ("'=already", "''=already"),
        (None, ""),
        (3, "3"),
        ("", ""),
    ],
)
def test_cells_a_spreadsheet_would_run_are_written_as_text(value, written):
    assert neutralise_cell(value) == written


@given(st.text())
def test_restoring_a_neutralised_cell_gives_the_text_back(text):
    assert restore_cell(neutralise_cell(text)) == text
    assert not neutralise_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_the_response_is_a_private_utf8_download_with_a_byte_order_mark():
    response = csv_response(
        "people.csv", ["Name", "Note"], [["Siân “Ruby” Ó Dónaill", "=1+1"], ["Ewan", None]]
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["Name", "Note"], ["Siân “Ruby” Ó Dónaill", "'=1+1"], ["Ewan", ""]]


def test_a_public_export_may_be_cached():
    assert "Cache-Control" not in csv_response("guide.csv", ["a"], [], private=False)


def test_a_streamed_csv_is_neutralised_record_by_record_whatever_the_chunks():
    text = 'title,note\r\n=1+2,"two\r\nlines ñ"\r\n@x,-y\r\n'
    encoded = text.encode("utf-8")
    # Split mid-record, inside a quoted cell and inside a two-byte character.
    chunks = [encoded[:15], encoded[15:27], encoded[27:30], encoded[30:]]
    streamed = b"".join(neutralised_csv_chunks(chunks, "utf-8")).decode("utf-8")
    assert list(csv.reader(io.StringIO(streamed, newline=""))) == [
        ["title", "note"],
        ["'=1+2", "two\r\nlines ñ"],
        ["'@x", "'-y"],
    ]
