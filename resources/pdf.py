"""The booklet as a PDF, drawn by fpdf2 (pure Python: no system libraries) from simple HTML."""

from fpdf import FPDF

# fpdf2's built-in fonts cover Latin-1 only: typographic punctuation becomes its plain equivalent.
PLAIN_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)


def latin1(text):
    return text.translate(PLAIN_PUNCTUATION).encode("latin-1", "replace").decode("latin-1")


def html_to_pdf(html, *, title, author=""):
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(title))
    if author:
        pdf.set_author(latin1(author))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.write_html(latin1(html))
    return bytes(pdf.output())
