"""Press releases by e-mail: `.eml` files and `.mbox` mailboxes, with the stdlib `email`.

The subject is the title, the sender the author (the display name) and the source (the
address's domain), the Date header the publication date. The HTML part goes through the
HTML import path; without one, the text part goes through the press-text path. PDF and
Word attachments become articles of their own when asked. Each message's bytes are kept
as its original, so `reader reextract` can rebuild it.
"""

from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from reader.errors import ImportFailed, ReaderError
from reader.importers.decode import read_file_bytes
from reader.model import ParsedArticle
from reader.text.canonical import normalize_paragraph
from reader.text.oneline import one_line

# One parsed input of a mail file: a label for messages, the article or why it failed.
Item = tuple[str, ParsedArticle | None, str | None]

MAX_MBOX_BYTES = 200 * 1024 * 1024  # a mailbox holds many messages: more than one file's cap
MAX_MESSAGES = 10_000
_MBOX_FROM = re.compile(rb"^From [^\n]*\n", re.MULTILINE)
_QUOTED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)
_PDF_TYPES = {"application/pdf", "application/x-pdf"}
_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _message(data: bytes) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(data)  # type: ignore[return-value]


def _header(msg: EmailMessage, name: str) -> str:
    try:
        return normalize_paragraph(str(msg.get(name) or ""))
    except (ValueError, TypeError, LookupError):  # a header too broken to decode
        return ""


def _sender(msg: EmailMessage) -> tuple[str | None, str | None]:
    """(author, source): the display name (else the address) and the address's domain."""
    name, address = parseaddr(_header(msg, "from"))
    domain = address.rpartition("@")[2].lower() if "@" in address else ""
    return (normalize_paragraph(name) or address or None), (domain or None)


def _date(msg: EmailMessage) -> str | None:
    value = _header(msg, "date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (ValueError, TypeError, IndexError):
        return None


def _content(part: EmailMessage) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError, ValueError):  # an unknown or lying charset
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")


def _body_article(msg: EmailMessage, data: bytes, source_path: str | None) -> ParsedArticle:
    subject = _header(msg, "subject")
    author, source = _sender(msg)
    body = msg.get_body(preferencelist=("html", "plain"))
    if body is None:
        raise ImportFailed("the e-mail has no text or HTML part")
    if body.get_content_subtype() == "html":
        from reader.importers.html import parse_html

        article = parse_html(_content(body), source_path=source_path, original=data)
    else:
        from reader.importers.press import parse_press

        text = _content(body)
        article = parse_press(f"{subject}\n\n{text}" if subject else text, source_path)
        article.original = data
    article.title = subject or article.title
    article.author = article.author or author
    article.source = article.source or source
    article.published = _date(msg) or article.published
    article.source_format = "email"
    return article


def _attachments(msg: EmailMessage, label: str, source_path: str | None) -> list[Item]:
    """PDF and Word attachments, each as its own article (others are skipped)."""
    from reader.importers.docx_file import parse_docx_bytes
    from reader.importers.pdf import parse_pdf_bytes

    author, _ = _sender(msg)
    items: list[Item] = []
    for part in msg.iter_attachments():
        name = one_line(part.get_filename() or "attachment")
        kind = part.get_content_type()
        suffix = Path(name).suffix.lower()
        if kind in _PDF_TYPES or suffix == ".pdf":
            parse = parse_pdf_bytes
        elif kind == _DOCX_TYPE or suffix == ".docx":
            parse = parse_docx_bytes
        else:
            continue
        where = f"{label} › {name}"
        try:
            data = part.get_payload(decode=True) or b""
            article = parse(data, f"{source_path} › {name}" if source_path else name)
        except ReaderError as e:
            items.append((where, None, str(e)))
            continue
        article.author = article.author or author
        article.published = article.published or _date(msg)
        items.append((where, article, None))
    return items


def parse_message(
    data: bytes, label: str, source_path: str | None, attachments: bool = False
) -> list[Item]:
    """One message's bytes → its body article, then (when asked) its attachments'."""
    msg = _message(data)
    try:
        items: list[Item] = [(label, _body_article(msg, data, source_path), None)]
    except ReaderError as e:
        items = [(label, None, str(e))]
    if attachments:
        items += _attachments(msg, label, source_path)
    return items


def parse_eml_bytes(data: bytes, source_path: str | None = None) -> ParsedArticle:
    """The body article of one message (for `reader reextract`); ImportFailed if none."""
    _, article, reason = parse_message(data, "", source_path)[0]
    if article is None:
        raise ImportFailed(reason or "no article in the e-mail")
    return article


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox, split at its `From ` lines, `>From ` quoting undone.

    Done on the bytes already read: `mailbox.mbox` would open the file again, for
    writing, which an import never does.
    """
    starts = [m.start() for m in _MBOX_FROM.finditer(data)]
    if not starts or data[: starts[0]].strip():
        raise ImportFailed("not an mbox mailbox (it does not start with a 'From ' line)")
    if len(starts) > MAX_MESSAGES:
        raise ImportFailed(
            f"too many messages ({len(starts):,}; the limit is {MAX_MESSAGES:,} in one mailbox)"
        )
    out = []
    for start, end in zip(starts, [*starts[1:], len(data)], strict=True):
        chunk = data[start:end]
        chunk = chunk[chunk.index(b"\n") + 1 :]  # the `From ` separator line itself
        out.append(_QUOTED_FROM.sub(rb"\1", chunk))
    return out


def parse_eml_file(path: Path, label: str, attachments: bool) -> list[Item]:
    return parse_message(read_file_bytes(path), label, str(path), attachments)


def parse_mbox_file(path: Path, label: str, attachments: bool) -> list[Item]:
    items: list[Item] = []
    for n, message in enumerate(split_mbox(read_file_bytes(path, MAX_MBOX_BYTES)), start=1):
        items += parse_message(message, f"{label} message {n}", f"{path} #{n}", attachments)
    return items
