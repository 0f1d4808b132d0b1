from __future__ import annotations

from pathlib import Path

import pytest

from reader.importers import parse_file
from reader.importers.press import parse_press
from reader.model import ImportStatus

from .conftest import SEED, SHARED

BODY_START = "Diplomat tingkat tinggi dari Rusia dan AS akan bertemu minggu ini"
BODY_END = (
    "Lavrov mengatakan bahwa penunjukan duta besar yang cepat di Washington dan Moskow "
    "akan menjadi langkah penting menuju memulihkan kerja sama skala penuh."
)


def test_sample_is_the_shared_seed():
    shared = SHARED / "corpus" / "press" / SEED.name
    if not shared.exists():
        pytest.skip("../shared not present")
    assert SEED.read_bytes() == shared.read_bytes()


def test_seed_metadata_exact(lib, seed_path):
    outcome = lib.import_file(seed_path)
    assert outcome.status == ImportStatus.IMPORTED
    a = lib.article(outcome.article_id)
    assert a.title == "Lavrov Umumkan Babak Baru Pembicaraan Rusia-AS"
    assert a.published == "2025-02-27"
    assert a.subtitle == (
        "Pertemuan tingkat tinggi akan diadakan di Istanbul pada hari Kamis, "
        "menurut menteri luar negeri"
    )
    assert a.author == "Daring"
    assert a.source == "SeaPRwire"
    assert a.sections == ["Top Story", "Daily News"]
    assert a.language == "id"
    assert a.url is None


def test_seed_body_boundaries(lib, seed_path):
    a = lib.article(lib.import_file(seed_path).article_id)
    assert a.text.startswith(BODY_START)
    assert a.text.endswith(BODY_END)
    paragraphs = a.text.split("\n\n")
    assert len(paragraphs) == 7
    for boiler in ("(SeaPRwire)", "Artikel ini disediakan", "Sektor:", "SeaPRwire menyediakan"):
        assert boiler not in a.text
    assert a.footer.startswith("Artikel ini disediakan oleh penyedia konten pihak ketiga.")
    assert "Sektor: Top Story, Daily News" in a.footer
    assert a.footer.endswith("Portugis dan bahasa lainnya.")
    # Typographic quotes survive exactly: annotations will point at them.
    assert "“cepat dan efektif kita dapat bergerak maju,”" in a.text
    assert a.word_count == len(__import__("re").findall(r"\w+", a.text))


def test_plain_text_without_structure(tmp_path):
    p = tmp_path / "note.txt"
    p.write_text(
        "\n\n  My own notes  \nsecond line of it\n\nAnother paragraph.\n", encoding="utf-8"
    )
    a = parse_file(p)
    assert a.title == "My own notes"
    assert a.markdown == "second line of it\n\nAnother paragraph.\n"
    assert a.author is None and a.published is None and a.source is None
    assert a.subtitle is None


def test_title_only_file_imports_with_empty_body(lib, tmp_path):
    p = tmp_path / "one.txt"
    p.write_text("Just a headline\n", encoding="utf-8")
    a = lib.article(lib.import_file(p).article_id)
    assert a.title == "Just a headline"
    assert a.text == ""


def test_english_wire_structure():
    text = (
        "February 27, 2025\n\nRussia and US to hold talks\n\nBy Jane Doe\n\n"
        "WASHINGTON (Reuters) - Officials from both countries will meet on Thursday, "
        "the State Department said.\n\nA second paragraph follows here.\n"
    )
    a = parse_press(text)
    assert (a.published, a.title, a.author, a.source) == (
        "2025-02-27",
        "Russia and US to hold talks",
        "Jane Doe",
        "Reuters",
    )
    assert a.subtitle is None  # a full sentence is body, not a standfirst
    assert a.markdown.startswith("Officials from both countries will meet on Thursday")
    assert a.language == "en"


def test_date_in_other_languages():
    a = parse_press("27 февраля 2025\n\nЗаголовок статьи\n\nТекст статьи здесь.\n")
    assert a.published == "2025-02-27"
    assert a.title == "Заголовок статьи"


def test_markdown_file_keeps_markdown(tmp_path: Path, lib):
    p = tmp_path / "a.md"
    p.write_text(
        "---\ntitle: Front title\nauthor: A. Writer\ndate: 2024-03-05\nlang: en-GB\n---\n"
        "## Section\n\nSome *emphasis* and a [link](https://example.org).\n\n- one\n- two\n",
        encoding="utf-8",
    )
    a = lib.article(lib.import_file(p).article_id)
    assert (a.title, a.author, a.published, a.language) == (
        "Front title",
        "A. Writer",
        "2024-03-05",
        "en",
    )
    assert a.markdown.startswith("## Section")
    assert a.text == "Section\n\nSome emphasis and a link.\n\none\ntwo"
    kinds = [(b.kind, a.text[b.start : b.end]) for b in lib.blocks(a.id)]
    assert kinds == [
        ("heading", "Section"),
        ("paragraph", "Some emphasis and a link."),
        ("list_item", "one"),
        ("list_item", "two"),
    ]


def test_markdown_title_from_heading(tmp_path):
    p = tmp_path / "b.md"
    p.write_text("# Heading title\n\nBody text.\n", encoding="utf-8")
    a = parse_file(p)
    assert a.title == "Heading title"
    assert a.markdown == "Body text.\n"
