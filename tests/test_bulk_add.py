"""Library.add_articles: the bulk path stores exactly what add_article stores."""

from __future__ import annotations

from reader.library import Library
from reader.model import ParsedArticle

MD = "# Head\n\nA *para* with 😀.\n\n- one\n- two\n"


def test_bulk_matches_single_and_skips_duplicates(tmp_path):
    items = [ParsedArticle(title=f"T{i}", markdown=MD, source="S", language="en") for i in range(3)]
    with Library(tmp_path / "bulk.db") as bulk, Library(tmp_path / "one.db") as one:
        assert bulk.add_articles(items + items[:1], batch=2) == 3
        for item in items:
            one.add_article(item)
        for a, b in zip(
            bulk.list_articles(order_by="id", descending=False),
            one.list_articles(order_by="id", descending=False),
            strict=True,
        ):
            x, y = bulk.article(a.id), one.article(b.id)
            assert (x.title, x.text, x.content_hash, x.word_count) == (
                y.title,
                y.text,
                y.content_hash,
                y.word_count,
            )
            assert bulk.blocks(a.id) == one.blocks(b.id)
        assert bulk.count_articles() == 3
        assert [h.title for h in bulk.search("para")] != []
