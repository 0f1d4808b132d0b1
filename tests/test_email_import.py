"""Press releases by e-mail: .eml and .mbox built here with the stdlib, exact results."""

from __future__ import annotations

import io
import zlib
from email.message import EmailMessage

import docx
import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.importers import parse_file
from reader.model import ImportStatus

from .pdf_maker import make_pdf

HTML = (
    "<html><head><title>ignored page title</title></head><body><article>"
    "<p>The ministry announced on Monday that the new ferry line opens in April, "
    "linking the two islands for the first time in a decade.</p>"
    "<p>Tickets go on sale next week at every harbour office and online, the "
    "ministry said in its statement.</p></article></body></html>"
)
TEXT = (
    "The ministry announced on Monday that the new ferry line opens in April.\n\n"
    "Tickets go on sale next week."
)


def _message(html: bool = True, subject: str = "Ferry Line Opens in April") -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = "Ministry of Transport Press Office <press@transport.example.org>"
    msg["To"] = "desk@news.example.com"
    msg["Date"] = "Thu, 27 Feb 2025 09:30:00 +0700"
    msg.set_content(TEXT)
    if html:
        msg.add_alternative(HTML, subtype="html")
    return msg


def _docx_bytes() -> bytes:
    d = docx.Document()
    d.core_properties.title = "Ferry Timetable"
    d.add_paragraph("Boats leave every two hours from the north pier.")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, ["--db", str(db_path), *map(str, args)])

    return invoke


def test_eml_html_part_exact(lib, tmp_path):
    path = tmp_path / "ferry.eml"
    path.write_bytes(_message().as_bytes())
    outcome = lib.import_file(path)
    assert outcome.status == ImportStatus.IMPORTED, outcome.reason
    a = lib.article(outcome.article_id)
    assert a.title == "Ferry Line Opens in April"
    assert a.author == "Ministry of Transport Press Office"
    assert a.source == "transport.example.org"
    assert a.published == "2025-02-27T02:30:00Z"
    assert a.source_format == "email"
    assert a.text == (
        "The ministry announced on Monday that the new ferry line opens in April, linking "
        "the two islands for the first time in a decade.\n\nTickets go on sale next week "
        "at every harbour office and online, the ministry said in its statement."
    )
    assert zlib.decompress(lib._store.articles.original(a.id)) == path.read_bytes()
    assert [o.status for o in lib.reextract([a.id])] == ["unchanged"]
    assert lib.import_file(path).status == ImportStatus.DUPLICATE


def test_eml_text_part_through_press_path(tmp_path):
    path = tmp_path / "plain.eml"
    path.write_bytes(_message(html=False).as_bytes())
    a = parse_file(path)
    assert a.title == "Ferry Line Opens in April"
    assert a.markdown == (
        "The ministry announced on Monday that the new ferry line opens in April.\n\n"
        "Tickets go on sale next week.\n"
    )
    assert a.author == "Ministry of Transport Press Office"
    assert a.published == "2025-02-27T09:30:00+07:00"


def test_eml_attachments_only_when_asked(run, lib, tmp_path):
    msg = _message()
    pdf = make_pdf([[(72, 780, 11, "The ferry costs less than the old boat.")]], {"Title": "Fares"})
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="fares.pdf")
    msg.add_attachment(
        _docx_bytes(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="timetable.docx",
    )
    msg.add_attachment(b"\x89PNG...", maintype="image", subtype="png", filename="logo.png")
    path = tmp_path / "with.eml"
    path.write_bytes(msg.as_bytes())
    r = run("import", path)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1] == "imported 1, duplicates 0, failed 0"
    r = run("import", "--attachments", path)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        f"{path}: article 1 (duplicate)",
        f"{path} › fares.pdf: article 2",
        f"{path} › timetable.docx: article 3",
        "imported 2, duplicates 1, failed 0",
    ]
    fares, timetable = lib.article(2), lib.article(3)
    assert (fares.title, fares.text, fares.source_format) == (
        "Fares",
        "The ferry costs less than the old boat.",
        "pdf",
    )
    # The attachment has no author or date of its own: the message's.
    assert fares.author == "Ministry of Transport Press Office"
    assert fares.published == "2025-02-27T02:30:00Z"
    assert timetable.text == "Boats leave every two hours from the north pier."
    assert fares.source_path == f"{path} › fares.pdf"


def test_mbox_of_many_one_line_per_failure(run, lib, tmp_path):
    first = _message(subject="Ferry Line Opens in April").as_bytes()
    second = _message(html=False, subject="Bridge Closed for Repairs")
    second.set_content("From now on the bridge is closed.\n\nIt reopens in June.")
    broken = EmailMessage()
    broken["Subject"] = "Only a picture"
    broken.add_attachment(b"\x89PNG", maintype="image", subtype="png", filename="p.png")
    mbox = b""
    for m in (first, second.as_bytes(), broken.as_bytes(), first):
        body = m.replace(b"\nFrom ", b"\n>From ")
        mbox += b"From press@transport.example.org Thu Feb 27 09:30:00 2025\n" + body + b"\n"
    path = tmp_path / "inbox.mbox"
    path.write_bytes(mbox)
    r = run("import", path)
    assert r.exit_code == 1
    assert r.output.splitlines() == [
        f"{path} message 1: article 1",
        f"{path} message 2: article 2",
        f"{path} message 3: the e-mail has no text or HTML part",
        f"{path} message 4: article 1 (duplicate)",
        "imported 2, duplicates 1, failed 1",
    ]
    # The `>From ` quoting of the body is undone.
    assert lib.article(2).text == "From now on the bridge is closed.\n\nIt reopens in June."


def test_not_an_mbox_one_line(run, tmp_path):
    path = tmp_path / "x.mbox"
    path.write_bytes(b"Subject: hi\n\nno separator line")
    r = run("import", path)
    assert r.exit_code == 1
    assert r.output.splitlines()[0] == (
        f"{path}: not an mbox mailbox (it does not start with a 'From ' line)"
    )


def test_folder_import_takes_eml_and_mbox(lib, tmp_path):
    (tmp_path / "a.eml").write_bytes(_message().as_bytes())
    (tmp_path / "b.png").write_bytes(b"\x89PNG")
    summary = lib.import_paths([tmp_path])
    assert [o.status for o in summary.outcomes] == [ImportStatus.IMPORTED]
