"""A soft line break between two Chinese or Japanese characters is no space."""

from __future__ import annotations

import pytest

from reader.text.canonical import markdown_to_canonical, normalize_paragraph, paragraphs_canonical

JA = "政府は新しい計画を発表した。\n朝の会議で首相が説明した。"
JOINED = "政府は新しい計画を発表した。朝の会議で首相が説明した。"


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        (JA, JOINED),
        ("北京市政府今天\n宣布了新的计划。", "北京市政府今天宣布了新的计划。"),
        ("会議で**首相が**\n説明した。", "会議で首相が説明した。"),
        ("東京の会議\nTokyo talks", "東京の会議 Tokyo talks"),
        ("Tokyo talks\n東京の会議", "Tokyo talks 東京の会議"),
        ("서울에서 회의가\n열렸다.", "서울에서 회의가 열렸다."),  # Korean spaces its words
        ("Lavrov met\nBlinken.", "Lavrov met Blinken."),
        ("発表した。  \n朝の会議", "発表した。\n朝の会議"),  # a hard break stays one
    ],
)
def test_markdown_soft_breaks(markdown, text):
    assert markdown_to_canonical(markdown).text == text


def test_plain_text_paragraphs_agree_with_markdown():
    assert normalize_paragraph(JA) == JOINED
    assert normalize_paragraph("発表した。 朝の会議") == "発表した。 朝の会議"  # a real space stays
    assert normalize_paragraph("  東京\n\tTokyo \n 大阪 ") == "東京 Tokyo 大阪"
    assert paragraphs_canonical([JA, "二つ目。\n続き。"]).text == JOINED + "\n\n二つ目。続き。"


def test_imports_join_the_lines(lib):
    pasted = lib.import_text("ニュース\n\n" + JA)
    assert lib.article(pasted.article_id).text == JOINED
    page = (
        "<html><head><title>ニュース</title></head><body><article><h1>ニュース</h1>"
        f"<p>{JA}これは長い説明の文章です。これは長い説明の文章です。</p></article></body></html>"
    )
    outcome = lib.import_html(page)
    assert lib.article(outcome.article_id).text.startswith(JOINED + "これは")


def test_reextract_rebuilds_an_old_article_and_keeps_its_marks(lib):
    page = (
        "<html><head><title>ニュース</title></head><body><article><h1>ニュース</h1>"
        f"<p>{JA}これは長い説明の文章です。これは長い説明の文章です。</p></article></body></html>"
    )
    article_id = lib.import_html(page).article_id
    new_text = lib.article(article_id).text
    old_text = new_text.replace("。朝", "。 朝", 1)  # as Reader built it before
    lib._store.db["articles"].update(article_id, {"text": old_text})
    start = old_text.index("首相")
    lib.annotate(article_id, "entity", start, start + 2, "PERSON")
    (outcome,) = lib.reextract([article_id])
    assert outcome.status == "updated", outcome
    assert lib.article(article_id).text == new_text
    (mark,) = lib.annotations(article_id)
    assert (mark.start, mark.end) == (new_text.index("首相"), new_text.index("首相") + 2)
    assert new_text[mark.start : mark.end] == "首相"
