"""Finding text in an article, a service of the `Library` facade: the window's find
bar (Ctrl+F in the article) and the library search's terms drawn in the article
opened from it. Reads only; offsets are code points into the canonical text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.errors import NotFound
from reader.store.search import terms
from reader.text.find import Span, find_all, find_words

if TYPE_CHECKING:
    from reader.store import Store

OPERATORS = {"AND", "OR", "NOT", "NEAR"}
_SYNTAX = '*^()"'


class FindService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def _text(self, article_id: int) -> str:
        row = self._store.articles.get(article_id)
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return str(row["text"])

    def find_in_article(self, article_id: int, needle: str) -> list[Span]:
        """Every occurrence of `needle` in the article's text, ignoring case, in order."""
        return find_all(self._text(article_id), needle)

    def search_spans(self, article_id: int, query: str, prefix: bool = True) -> list[Span]:
        """Where the terms of a library search (as the search field reads them: the last
        one a prefix) occur in the article's text; `field:` terms other than `text:`
        and FTS5 operators are left out."""
        wanted: list[str] = []
        for term in terms(query):
            if term.field not in (None, "text") or term.text in OPERATORS:
                continue
            text = term.text.strip(_SYNTAX).strip()
            if text:
                wanted.append(text)
        if not wanted:
            return []
        last = len(wanted) - 1
        return find_words(
            self._text(article_id), [(w, prefix and i == last) for i, w in enumerate(wanted)]
        )
