"""PDFs laid out together and written one by one (academy.pdf.write_pdfs)."""

import io

import pytest
from pypdf import PdfReader

from academy.pdf import MissingSectionError, write_pdfs


def section(anchor, paragraphs):
    return (
        f'<section id="{anchor}" style="page-break-before: always">'
        + "".join(f"<p>{anchor} regel {n}</p>" for n in range(paragraphs))
        + "</section>"
    )


def texts(pdf):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_each_section_becomes_a_pdf_of_its_own_pages():
    # The middle section runs over several pages; the ones around it stay one page each.
    html = "<html lang='nl-BE'><body>" + section("een", 3) + section("twee", 90) + section("drie", 3) + "</body></html>"

    first, second, third = write_pdfs(html, anchors=["een", "twee", "drie"])

    assert len(texts(first)) == len(texts(third)) == 1
    assert len(texts(second)) > 1
    assert "een regel 2" in texts(first)[0] and "twee" not in texts(first)[0]
    assert "twee regel 0" in texts(second)[0] and "twee regel 89" in texts(second)[-1]
    assert "drie" not in "".join(texts(second))
    assert "drie regel 0" in texts(third)[0]
    assert "/StructTreeRoot" in PdfReader(io.BytesIO(second)).trailer["/Root"]


def test_an_anchor_not_in_the_document_is_refused():
    with pytest.raises(MissingSectionError):
        write_pdfs("<html><body>" + section("een", 1) + "</body></html>", anchors=["een", "twee"])
