"""PDF and Word imports: fixtures built here (a hand-written PDF, python-docx), exact text."""

from __future__ import annotations

import datetime
import io
import zipfile
import zlib

import docx
import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.importers import parse_file
from reader.model import ImportStatus

from .pdf_maker import make_pdf

WORDS = ["alpha", "bravo", "charlie"]


def _report_pages() -> list:
    pages = []
    for n, w in enumerate(WORDS, start=1):
        lines = [
            (72, 800, 9, "The Example Gazette - Research Edition"),
            (72, 760, 18, f"Section {w.title()}"),
            (72, 730, 11, f"The {w} talks went on for hours before the negoti-"),
            (72, 716, 11, f"ations about the {w} port ended late."),
            (72, 690, 11, f"A second {w} paragraph starts after a gap and"),
            (72, 676, 11, f"keeps the {w} Jakarta-"),
            (72, 662, 11, f"Bandung {w} hyphen, as it should."),
            (290, 40, 9, f"Page {n} of 3"),
        ]
        pages.append(lines)
    return pages


REPORT_INFO = {
    "Title": "Port Talks Report",
    "Author": "Ana Writer",
    "CreationDate": "D:20250227093000+07'00'",
}

REPORT_TEXT = "\n\n".join(
    f"Section {w.title()}\n\n"
    f"The {w} talks went on for hours before the negotiations about the {w} port ended late."
    f"\n\nA second {w} paragraph starts after a gap and keeps the {w} Jakarta-Bandung "
    f"{w} hyphen, as it should."
    for w in WORDS
)


@pytest.fixture
def report_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(_report_pages(), REPORT_INFO))
    return path


def test_pdf_exact_text_and_metadata(lib, report_pdf):
    outcome = lib.import_file(report_pdf)
    assert outcome.status == ImportStatus.IMPORTED, outcome.reason
    a = lib.article(outcome.article_id)
    assert a.title == "Port Talks Report"
    assert a.author == "Ana Writer"
    assert a.published == "2025-02-27T02:30:00Z"
    assert a.source_format == "pdf"
    assert a.text == REPORT_TEXT
    # Headings are blocks of their own (the larger font), the rest paragraphs.
    kinds = [(b.kind, a.text[b.start : b.end]) for b in lib.blocks(a.id)]
    assert kinds[:3] == [
        ("heading", "Section Alpha"),
        (
            "paragraph",
            "The alpha talks went on for hours before the negotiations about the "
            "alpha port ended late.",
        ),
        (
            "paragraph",
            "A second alpha paragraph starts after a gap and keeps the alpha "
            "Jakarta-Bandung alpha hyphen, as it should.",
        ),
    ]
    stored = lib._store.articles.original(outcome.article_id)
    assert zlib.decompress(stored) == report_pdf.read_bytes()


def test_pdf_without_metadata_title_from_first_heading_and_page_break_joined(tmp_path):
    pages = [
        [(72, 780, 20, "Harbour Budget Approved"), (72, 740, 11, "The council voted on the")],
        [(72, 780, 11, "budget late on Tuesday."), (72, 750, 11, "Work begins in March.")],
    ]
    path = tmp_path / "plain.pdf"
    path.write_bytes(make_pdf(pages))
    a = parse_file(path)
    assert a.title == "Harbour Budget Approved"
    assert a.author is None and a.published is None
    assert (
        a.markdown == "The council voted on the budget late on Tuesday.\n\nWork begins in March.\n"
    )


def test_pdf_of_images_only_says_scanned_no_ocr(run, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[], []]))
    r = run("import", path)
    assert r.exit_code == 1
    assert r.output.splitlines()[0] == (
        f"{path}: no text in this PDF: its pages look scanned (images only), and Reader "
        "does not do OCR; import a text version or run OCR first"
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"hello, not a pdf", "not a PDF file (no %PDF header)"),
        (b"%PDF-1.4\n1 0 obj garbage", "cannot read this PDF"),
    ],
)
def test_broken_pdf_one_line(run, tmp_path, data, reason):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    r = run("import", path)
    assert r.exit_code == 1
    first = r.output.splitlines()[0]
    assert first.startswith(f"{path}: {reason}")
    assert "unexpected" not in r.output.lower() and "Traceback" not in r.output


def _docx_bytes(with_meta: bool = True) -> bytes:
    d = docx.Document()
    if with_meta:
        d.core_properties.title = "Harbour Deal Signed"
        d.core_properties.author = "Budi Santoso"
        d.core_properties.created = datetime.datetime(2025, 2, 27, 9, 30, tzinfo=datetime.UTC)
    d.add_heading("Harbour Deal Signed", 0)
    d.add_paragraph("The mayor signed the deal after long negoti-\nations on Monday.")
    d.add_heading("What comes next", 1)
    d.add_paragraph("Dredging starts in May.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Budget"
    table.cell(0, 1).text = "4 million"
    d.sections[0].header.paragraphs[0].text = "CONFIDENTIAL DRAFT"
    d.sections[0].footer.paragraphs[0].text = "Page 1"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_docx_exact_text_metadata_and_original(lib, tmp_path):
    path = tmp_path / "deal.docx"
    path.write_bytes(_docx_bytes())
    outcome = lib.import_file(path)
    assert outcome.status == ImportStatus.IMPORTED, outcome.reason
    a = lib.article(outcome.article_id)
    assert a.title == "Harbour Deal Signed"
    assert a.author == "Budi Santoso"
    assert a.published == "2025-02-27T09:30:00Z"
    assert a.source_format == "docx"
    assert a.text == (
        "The mayor signed the deal after long negotiations on Monday.\n\n"
        "What comes next\n\nDredging starts in May.\n\nBudget | 4 million"
    )
    assert [b.kind for b in lib.blocks(a.id)] == ["paragraph", "heading", "paragraph", "paragraph"]
    assert zlib.decompress(lib._store.articles.original(a.id)) == path.read_bytes()
    # The same file again is a duplicate.
    assert lib.import_file(path).status == ImportStatus.DUPLICATE


def test_docx_without_metadata_uses_title_style(tmp_path):
    path = tmp_path / "nometa.docx"
    path.write_bytes(_docx_bytes(with_meta=False))
    a = parse_file(path)
    assert a.title == "Harbour Deal Signed"
    assert a.author is None and a.published is None


def test_docx_zip_bomb_and_non_zip_refused(run, tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * (300 * 1024 * 1024))
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"plain words")
    r = run("import", bomb, fake)
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert lines[0] == (
        f"{bomb}: the document unpacks to 314,572,801 bytes (the limit is 209,715,200)"
    )
    assert lines[1] == f"{fake}: not a Word .docx file (not a zip archive)"


def test_reextract_rebuilds_pdf_and_docx_from_their_originals(lib, report_pdf, tmp_path):
    path = tmp_path / "deal.docx"
    path.write_bytes(_docx_bytes())
    ids = [lib.import_file(p).article_id for p in (report_pdf, path)]
    outcomes = lib.reextract(ids)
    assert [o.status for o in outcomes] == ["unchanged", "unchanged"]


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, ["--db", str(db_path), *map(str, args)])

    return invoke
