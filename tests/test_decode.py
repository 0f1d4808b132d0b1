from __future__ import annotations

import codecs

import pytest

from reader.errors import ImportFailed
from reader.importers import parse_file
from reader.importers.decode import MAX_FILE_BYTES, decode_bytes, read_text_file

TEXT = "Judul Berita\n\nMenteri Luar Negeri Rusia Sergey Lavrov berkata “cepat” — café, naïve.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # no BOM
        TEXT.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "crlf"],
)
def test_encodings_decode_to_the_same_text(data):
    assert decode_bytes(data) == TEXT


def test_legacy_cp1252():
    text = "Le café du coin\n\nÇa coûte 5 € à l’entrée, déjà payé. Élise a dit « très bien ».\n" * 3
    assert decode_bytes(text.encode("cp1252")) == text


def test_legacy_cyrillic_cp1251():
    text = "Заголовок новости\n\nМинистр иностранных дел России Сергей Лавров заявил об этом.\n" * 3
    assert decode_bytes(text.encode("cp1251")) == text


def test_nfc_normalisation():
    decomposed = "Cafe\u0301 Tu\u0308rkiye\n"
    assert decode_bytes(decomposed.encode("utf-8")) == "Café Türkiye\n"


def test_control_characters_removed():
    assert decode_bytes(b"Title\x07\n\nbody\x1b text\x0c\n") == "Title\n\nbody text\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t\n", "empty file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (bytes(range(256)) * 20, "not a text file"),
        (b"\x00\x01\x02\x03" * 1000, "not a text file"),
    ],
    ids=["empty", "whitespace", "pdf", "zip", "binary", "nul"],
)
def test_bad_input_has_a_reason(data, reason):
    with pytest.raises(ImportFailed, match=reason):
        decode_bytes(data)


def test_too_large(tmp_path):
    p = tmp_path / "big.txt"
    with p.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ImportFailed, match="too large"):
        read_text_file(p)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ImportFailed, match="no such file"):
        parse_file(tmp_path / "nope.txt")
    with pytest.raises(ImportFailed, match="folder"):
        parse_file(tmp_path)
