"""Where extracted blocks sit in the page: text blocks located back in the DOM.

Extractors return text, not elements. To ask "is this block inside the
article's container?" each block's words are found again in the page's word
stream, whose every word knows the element that holds it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

_WORD = re.compile(r"\w+")


class PageWords:
    """The words of a parsed page in document order, each with its element."""

    def __init__(self, root) -> None:
        import lxml.etree

        self.root = root
        words: list[str] = []
        self.owners: list = []
        for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
            if not isinstance(el.tag, str):
                continue
            text, owner = (el.text, el) if event == "start" else (el.tail, el.getparent())
            if text and owner is not None:
                found = _WORD.findall(text.casefold())
                words.extend(found)
                self.owners.extend([owner] * len(found))
        self._joined = " " + " ".join(words) + " "
        self._starts = []
        pos = 1
        for w in words:
            self._starts.append(pos)
            pos += len(w) + 1

    def locate(self, words: Sequence[str], start: int = 0) -> tuple[int, int] | None:
        """Word span [i, j) of the first occurrence of `words` at or after word `start`."""
        if not words:
            return None
        offset = self._starts[start] - 1 if start < len(self._starts) else len(self._joined)
        at = self._joined.find(" " + " ".join(words) + " ", offset)
        if at < 0:
            return None
        i = bisect.bisect_left(self._starts, at + 1)
        return i, i + len(words)

    def container(self, spans: list[tuple[int, int]]):
        """The deepest element holding every word of the spans (None without spans)."""
        common = None
        for i, j in spans:
            for k in (i, j - 1):
                chain = [self.owners[k], *self.owners[k].iterancestors()]
                if common is None:
                    common = chain
                else:
                    keep = set(chain)
                    common = [el for el in common if el in keep]
        return common[0] if common else None

    def inside(self, span: tuple[int, int], container) -> bool:
        i, j = span
        return all(
            self.owners[k] is container or container in self.owners[k].iterancestors()
            for k in (i, j - 1)
        )
