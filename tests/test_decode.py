from __future__ import annotations

import codecs

import pytest

from reader.errors import ImportFailed
from reader.importers import parse_file
from reader.importers.decode import MAX_FILE_BYTES, decode, decode_bytes, read_text_file
from reader.importers.decode_short import plausible

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


# Short legacy files: two lines, too few bytes for a detector's statistics.
SHORT = [
    ("cp1252", "Café headline\nThe naïve café “quoted” text.\n", "cp1252"),
    ("cp1252", "Über die Brücke\nDie Straße war gesperrt, sagte Jörg.\n", "cp1252"),
    ("cp1250", "Vláda schválila rozpočet\nNa příští rok počítá s deficitem.\n", "cp1250"),
    ("cp1250", "Rząd przyjął budżet\nMinister mówi, że to dobry plan.\n", "cp1250"),
    # latin-1 bytes are cp1252 bytes (cp1252 only adds printable characters at 0x80-0x9F).
    ("latin-1", "Le café du coin\nÇa coûte déjà très cher, naïf.\n", "cp1252"),
    ("koi8-r", "Заголовок новости\nМинистр заявил об этом вчера.\n", "koi8-r"),
    ("shift_jis", "東京の天気\n今日は晴れです。\n", "cp932"),
    ("gb18030", "北京新闻\n今天天气很好。\n", "gb18030"),
    ("windows-1256", "عنوان الخبر\nقال الوزير إن الوضع جيد.\n", "cp1256"),
]


@pytest.mark.parametrize(
    ("codec", "text", "used"), SHORT, ids=[f"{c}-{i}" for i, (c, *_) in enumerate(SHORT)]
)
def test_short_legacy_files(codec, text, used):
    decoded = decode(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, used)


def test_short_cp1252_is_not_thai():
    # charset-normalizer alone proposes cp874 (Thai) within its margin: `Caf้ headline`.
    assert decode_bytes("Café headline\nThe naïve café “quoted” text.".encode("cp1252")) == (
        "Café headline\nThe naïve café “quoted” text."
    )


def test_plausible_readings():
    assert plausible("The naïve café “quoted” text.")
    assert not plausible("Caf\u0e49 headline")  # a Thai mark inside a Latin word
    assert not plausible("úÁÇÏÌÏ×ÏË ÎÏ×ÏÓÔÉ")  # KOI8-R bytes read as cp1252
    assert not plausible("Caf\x85 headline")  # a C1 control
    assert not plausible("愠ﾇﾏﾌﾏﾗﾏﾋ")  # half-width katakana: KOI8-R bytes read as Shift-JIS


def test_encoding_is_recorded_in_the_article(tmp_path, lib):
    path = tmp_path / "short.txt"
    path.write_bytes("Café headline\n\nThe naïve café “quoted” text.\n".encode("cp1252"))
    utf8 = tmp_path / "plain.txt"
    utf8.write_text("Plain headline\n\nSome words in UTF-8, naïve.\n", "utf-8")
    page = tmp_path / "page.html"
    page.write_bytes(
        b'<html><head><meta charset="windows-1250"><title>Rozpo\xe8et</title></head><body>'
        b"<article><p>"
        + "Vláda schválila rozpočet na příští rok. ".encode("cp1250") * 8
        + b"</p></article></body></html>"
    )
    ids = [o.article_id for o in lib.import_paths([path, utf8, page]).outcomes]
    articles = [lib.article(i) for i in ids]
    assert [a.encoding for a in articles] == ["cp1252", "utf-8", "cp1250"]
    assert articles[0].title == "Café headline"
    assert (
        lib.article(lib.import_text("Pasted headline\n\nPasted body text.").article_id).encoding
        is None
    )


def test_show_prints_the_encoding(tmp_path):
    from click.testing import CliRunner

    from reader.cli import cli

    path = tmp_path / "note.txt"
    path.write_bytes("Заголовок новости\n\nМинистр заявил об этом вчера.\n".encode("koi8-r"))
    db = str(tmp_path / "lib.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "import", str(path), "-q"]).exit_code == 0
    shown = runner.invoke(cli, ["--db", db, "show", "1"]).output
    assert shown.splitlines()[:3] == ["Заголовок новости", "language: ru", "encoding: koi8-r"]
