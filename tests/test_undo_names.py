"""Undo steps name the item they touched."""

from __future__ import annotations

from reader.model import ParsedArticle
from reader.text.canonical import paragraphs_to_markdown
from reader.undo_names import named

TEXT = (
    "Sergey Lavrov said “we agreed on a plan for the talks in Riyadh and for the next round” "
    "on Tuesday."
)


def test_each_mark_step_names_its_text(lib):
    _, article_id = lib.add_article(ParsedArticle("T", paragraphs_to_markdown([TEXT])))

    def span(words):
        start = TEXT.index(words)
        return start, start + len(words)

    tag = lib.annotate(article_id, "entity", *span("Sergey Lavrov"), "PERSON")
    assert lib.undo_name == "Tag PERSON: Sergey Lavrov"
    lib.annotate(
        article_id,
        "quote",
        *span("we agreed on a plan for the talks in Riyadh and for the next round"),
    )
    assert lib.undo_name == "Add quote: we agreed on a plan for the talks in Ri…"
    lib.update_annotation(tag.id, note="Russia's foreign minister")
    assert lib.undo_name == "Edit note: Sergey Lavrov"
    lib.delete_annotation(tag.id)
    assert lib.undo_name == "Delete PERSON: Sergey Lavrov"
    lib.undo()
    assert lib.redo_name == "Delete PERSON: Sergey Lavrov"


def test_named():
    assert named("Highlight", "  plan\nB ") == "Highlight: plan B"
    assert named("Highlight", "") == "Highlight"
    assert named("Tag ORG", "x" * 41) == "Tag ORG: " + "x" * 39 + "…"
    assert named("Tag ORG", "x" * 40) == "Tag ORG: " + "x" * 40
