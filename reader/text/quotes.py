"""Quote candidates: text inside quotation marks, with a guess at who said it.

`suggest_quotes(text, persons)` finds quotations (reader/text/quotemarks.py), joins the
parts of a quote split around its attribution (`“…,” kata Lavrov, “…”`), and looks in the
quote's sentence for a speech cue (reader/text/cues.py) and the speaker beside it
(reader/text/speakers.py). Pronouns and anaphors (`dia`, `diplomat itu`, `the minister`)
resolve to the nearest person mentioned before them; a quote that is a sentence of its
own with no cue keeps the speaker of the quote just before it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.model import Mention, QuoteCandidate
from reader.text import lexicon as lx
from reader.text.quotemarks import QuoteSpan, find_quotes, paragraphs
from reader.text.speakers import SpeakerMention, left_of, right_of
from reader.text.tokens import ABBREVIATIONS, Token, tokenize

_BOUNDARY = re.compile(r"[.!?…]+[”’\"»」』]*\s+|\n")
_SPLIT_GAP_END = (",", ":", "—", "–")
_MAX_SPLIT_GAP = 80
# Cues whose right side is the listener (`he told Fox News`): the speaker is on the left.
_LISTENER_CUES = frozenset(["told", "tells", "tell"])
# `― Ada Whitfield` on the line (or in the space) after a quotation.
_DASH_LINE = re.compile(r"[ \t]*\n?[ \t]*[―—–][ \t]*(?=\w)")
# `WALSH:` opening a transcript line.
_TRANSCRIPT = re.compile(r"(?m)^[ \t]*((?:[A-Z][A-Z'’.-]+)(?: [A-Z][A-Z'’.-]+){0,3}):[ \t]")
# How sure a speaker guess is, by where it came from.
CONF_NAME = 0.9  # a name beside the cue (`said Lavrov`, `Lavrov said`)
CONF_LINE = 0.85  # a `― Name` line or a `NAME:` transcript line
CONF_RESOLVED = 0.6  # a pronoun or anaphor resolved to the last person named
CONF_KEPT = 0.55  # the speaker of the quote just before, nothing between them
CONF_NEARBY = 0.4  # no speaker beside the cue: the last person named in the sentence


@dataclass
class _Speaker:
    name: str | None
    start: int | None
    end: int | None
    hint: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    conf: float = 0.0


_NONE = _Speaker(None, None, None, None, None, None, None)


def suggest_quotes(
    text: str, persons: Sequence[Mention] = (), tokens: list[Token] | None = None
) -> list[QuoteCandidate]:
    """Quotations in `text`, each with the speaker and cue when the context tells them.

    `persons` are person mentions already known (annotations); without them the person
    candidates of `suggest_entities` are used to resolve pronouns and anaphors. `tokens`
    are the text's, when the caller has them already.
    """
    spans = find_quotes(text)
    if not spans:
        return []
    ctx = _Context(text, spans, persons, tokens)
    out: list[QuoteCandidate] = []
    previous: tuple[_Speaker, int, int] | None = None  # speaker, paragraph, quote end
    for group in _groups(ctx, spans):
        first, last = group[0], group[-1]
        para = ctx.paragraph(first.open_start)
        sp = ctx.attribute(group)
        alone = sp.name is None and sp.cue is None and ctx.stands_alone(group)
        if (
            alone
            and previous
            and para == previous[1]
            and not ctx.intervenes(previous[2], first.open_start)
        ):
            sp = _Speaker(
                previous[0].name, None, None, previous[0].hint, None, None, None, CONF_KEPT
            )
        if sp.name is not None:
            # What follows the quote's sentence may intervene; the rest of that sentence
            # is its attribution (`she said`, `said Ada Marsh, an analyst at Harbor Bank`).
            after = max(last.close_end, sp.end or 0, sp.cue_end or 0, ctx.window(group)[1])
            previous = (sp, ctx.paragraph(last.close_end), after)
        parts = tuple(p for q in group for p in q.parts)
        start, end = parts[0][0], parts[-1][1]
        out.append(
            QuoteCandidate(
                start=start,
                end=end,
                text=text[start:end],
                open_mark_start=first.open_start,
                close_mark_end=last.close_end,
                parts=parts,
                type="direct",
                speaker=sp.name,
                speaker_start=sp.start,
                speaker_end=sp.end,
                speaker_entity_hint=sp.hint,
                cue=sp.cue,
                cue_start=sp.cue_start,
                cue_end=sp.cue_end,
                confidence=quote_confidence(text[start:end], sp.name is not None),
                speaker_confidence=sp.conf if sp.name is not None else 0.0,
            )
        )
    return out


_WORD = re.compile(r"\w[\w’'-]*")


def quote_confidence(quoted: str, attributed: bool) -> float:
    """How likely marks enclose a quotation: low for short title-like runs (`Morning
    Joe`, `Make America Great Again`) and single words (scare quotes)."""
    words = _WORD.findall(quoted)
    if not words:
        return 0.1
    title_like = all(w[0].isupper() or w.casefold() in _SMALL for w in words)
    if len(words) <= 4 and title_like and not quoted.rstrip().endswith((".", "!", "?", ",")):
        return 0.2
    if len(words) == 1:
        return 0.3 if not attributed else 0.6
    if len(words) <= 3 and not attributed:
        return 0.5
    return 0.95 if attributed else 0.8


_SMALL = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "de",
        "da",
        "di",
        "dan",
    ]
)


def _groups(ctx: _Context, spans: list[QuoteSpan]) -> list[list[QuoteSpan]]:
    """Quotes joined when only a short attribution with a cue separates them."""
    groups: list[list[QuoteSpan]] = []
    for q in spans:
        if groups and ctx.continues(groups[-1][-1], q):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


class _Context:
    """One text's tokens, paragraphs, sentence bounds and person mentions."""

    def __init__(
        self,
        text: str,
        spans: list[QuoteSpan],
        persons: Sequence[Mention],
        tokens: list[Token] | None = None,
    ) -> None:
        self.text = text
        self.spans = spans
        self.opens = [q.open_start for q in spans]
        self.tokens: list[Token] = tokenize(text) if tokens is None else tokens
        self.starts = [t.start for t in self.tokens]
        self.paras = paragraphs(text)
        self.para_starts = [p[0] for p in self.paras]
        if not persons:
            from reader.text.names import entities_in_tokens

            persons = [
                Mention(c.start, c.end, c.text)
                for c in entities_in_tokens(text, self.tokens)
                if c.label == "PERSON" or (c.label == "MISC" and " " in c.text)
            ]
        self.persons = sorted(persons, key=lambda m: m.start)
        self.person_ends = [m.end for m in self.persons]
        self.bounds = self._sentence_bounds()
        self.closes = [q.close_end for q in spans]
        self._longest: dict[str, str] | None = None

    # --- geometry ---

    def paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1

    def quote_at(self, pos: int) -> QuoteSpan | None:
        k = bisect.bisect_right(self.opens, pos) - 1
        if k >= 0 and self.spans[k].open_start <= pos < self.spans[k].close_end:
            return self.spans[k]
        return None

    def _sentence_bounds(self) -> list[int]:
        out = []
        for m in _BOUNDARY.finditer(self.text):
            q = self.quote_at(m.start())
            if q is not None and not (m.end() > q.close_end and self._capital_at(m.end())):
                continue
            before = self.text[max(0, m.start() - 6) : m.start()].split()
            word = before[-1].casefold().strip('("“') if before else ""
            if m.group().startswith(".") and (word in ABBREVIATIONS or len(word) == 1):
                continue
            out.append(m.end())
        return out

    def _capital_at(self, pos: int) -> bool:
        return pos < len(self.text) and (self.text[pos].isupper() or self.text[pos] in '“«„"')

    def window(self, group: list[QuoteSpan]) -> tuple[int, int]:
        """The sentence(s) around a quote, never beyond its paragraph(s)."""
        p0 = self.paras[self.paragraph(group[0].open_start)]
        p1 = self.paras[self.paragraph(group[-1].close_end - 1)]
        k = bisect.bisect_right(self.bounds, group[0].open_start) - 1
        ws = max(p0[0], self.bounds[k]) if k >= 0 else p0[0]
        k = bisect.bisect_left(self.bounds, group[-1].close_end)
        we = min(p1[1], self.bounds[k]) if k < len(self.bounds) else p1[1]
        return ws, we

    def token_range(self, a: int, b: int) -> tuple[int, int]:
        return bisect.bisect_left(self.starts, a), bisect.bisect_left(self.starts, b)

    def stands_alone(self, group: list[QuoteSpan]) -> bool:
        ws, we = self.window(group)
        outside = self.text[ws : group[0].open_start] + self.text[group[-1].close_end : we]
        return not any(c.isalnum() for c in outside)

    def intervenes(self, a: int, b: int) -> bool:
        """Someone else may speak between two quotes: a person, a pronoun, a name."""
        if any(a <= p.start < b for p in self.persons):
            return True
        i, j = self.token_range(a, b)
        return any(
            t.lower in lx.PRONOUNS or (t.capitalised and not t.initial) for t in self.tokens[i:j]
        )

    def line_speaker(self, group: list[QuoteSpan]) -> _Speaker | None:
        """`― Name` right after the quote, or `NAME:` opening the quote's line."""
        text, last = self.text, group[-1]
        m = _DASH_LINE.match(text, last.close_end)
        if m:
            i, j = self.token_range(m.end(), min(len(text), m.end() + 80))
            mention = right_of(text, self.tokens, i, j)
            if mention is not None and mention.kind == "name":
                dash = m.group().strip()
                sp = _Speaker(None, None, None, None, dash, m.end() - 1, m.end())
                sp = self._resolve(mention, sp)
                sp.conf = CONF_LINE
                return sp
        line_start = text.rfind("\n", 0, group[0].open_start) + 1
        m = _TRANSCRIPT.match(text, line_start)
        if m and m.end() <= group[0].open_start:
            name = m.group(1).strip()
            s, e = m.start(1), m.start(1) + len(name)
            return _Speaker(name, s, e, self.fullest(name.title()), None, None, None, CONF_LINE)
        return None

    # --- cues and speakers ---

    def continues(self, a: QuoteSpan, b: QuoteSpan) -> bool:
        if self.paragraph(a.close_end - 1) != self.paragraph(b.open_start):
            return False
        gap = self.text[a.close_end : b.open_start]
        if len(gap) > _MAX_SPLIT_GAP or not gap.strip().endswith(_SPLIT_GAP_END):
            return False
        last = self.text[a.end - 1 : a.end]
        if last in ".!?":
            return False
        i, j = self.token_range(a.close_end, b.open_start)
        return any(self._cue_at(k, j) for k in range(i, j))

    def _cue_at(self, i: int, limit: int) -> tuple[int, str] | None:
        """(length in tokens, kind) of a cue at token `i`."""
        tok = self.tokens[i]
        if tok.lower in lx.CUES_FUSED:
            return 1, "fused"
        for table, kind in ((lx.CUES_RIGHT, "right"), (lx.CUES_BOTH, "both")):
            k = lx.match(self.text, self.tokens, i, table)
            if k and i + k <= limit:
                return k, kind
        return None

    def attribute(self, group: list[QuoteSpan]) -> _Speaker:
        line = self.line_speaker(group)
        if line is not None:
            return line
        ws, we = self.window(group)
        ti, tj = self.token_range(ws, we)
        hits = []
        for i in range(ti, tj):
            tok = self.tokens[i]
            if any(q.open_start <= tok.start < q.close_end for q in group):
                continue
            if self.quote_at(tok.start) is not None:
                continue
            found = self._cue_at(i, tj)
            if found:
                hits.append((self._distance(group, tok), i, found[0], found[1]))
        fallback = None
        for _, i, k, kind in sorted(hits):
            sp = self._speaker_for(group, i, k, kind, ti, tj)
            if sp.name is not None:
                return sp
            fallback = fallback or sp
        return fallback or _NONE

    def _distance(self, group: list[QuoteSpan], tok: Token) -> int:
        if tok.start >= group[-1].close_end:
            return tok.start - group[-1].close_end
        if tok.end <= group[0].open_start:
            return group[0].open_start - tok.end
        return 0  # between the parts of a split quote

    def _speaker_for(
        self, group: list[QuoteSpan], i: int, k: int, kind: str, ti: int, tj: int
    ) -> _Speaker:
        text, tokens = self.text, self.tokens
        cue_start, cue_end = tokens[i].start, tokens[i + k - 1].end
        cue = text[cue_start:cue_end]
        after = cue_start >= group[0].close_end
        # Tokens up to the next quotation or the sentence end bound a speaker on the right.
        limit = tj
        n = bisect.bisect_left(self.opens, cue_end)
        if n < len(self.spans):
            limit = min(limit, self.token_range(self.opens[n], self.opens[n])[0])
        floor = ti
        before = bisect.bisect_right(self.closes, cue_start) - 1
        close = self.closes[before] if before >= 0 else -1
        if before >= 0:
            floor = max(floor, self.token_range(close, close)[0])
        mention: SpeakerMention | None = None
        if kind == "right":
            mention = right_of(text, tokens, i + k, limit)
        elif kind == "both" and tokens[i].lower in _LISTENER_CUES:
            mention = left_of(text, tokens, i - 1, floor)
        elif kind == "both":
            direct = after and not any(c.isalnum() for c in text[close:cue_start])
            if direct:
                mention = right_of(text, tokens, i + k, limit) or left_of(
                    text, tokens, i - 1, floor
                )
            else:
                mention = left_of(text, tokens, i - 1, floor) or right_of(
                    text, tokens, i + k, limit
                )
        sp = _Speaker(None, None, None, None, cue, cue_start, cue_end)
        if mention is not None:
            return self._resolve(mention, sp)
        sp.conf = CONF_NEARBY
        # No speaker beside the cue: the sentence's subject, else the last person named.
        person = self._person_before(cue_start, floor_pos=tokens[ti].start if ti < tj else 0)
        if person is None and kind == "fused":
            person = self._person_before(cue_start, floor_pos=0)
        if person is not None:
            sp.name, sp.hint = person.name, self.fullest(person.name)
        return sp

    def _resolve(self, m: SpeakerMention, sp: _Speaker) -> _Speaker:
        text, tokens = self.text, self.tokens
        start, end = tokens[m.first].start, tokens[m.last].end
        if m.kind == "name":
            name_start = tokens[m.name_first].start
            end -= _ending(tokens[m.last])
            name = text[name_start:end]
            for p in self.persons:
                if p.start < end and name_start < p.end:
                    name = p.name
                    break
            sp.name, sp.start, sp.end, sp.hint = name, name_start, end, self.fullest(name)
            sp.conf = max(sp.conf, CONF_NAME)
            return sp
        sp.start, sp.end = start, end
        sp.conf = CONF_RESOLVED
        person = self._person_before(start, floor_pos=0)
        if person is not None:
            sp.name, sp.hint = person.name, self.fullest(person.name)
        return sp

    def _person_before(self, pos: int, floor_pos: int) -> Mention | None:
        k = bisect.bisect_right(self.person_ends, pos) - 1
        # The mentions are sorted by start; ends are nearly sorted, so look back a little.
        best = None
        for m in self.persons[max(0, k - 3) : k + 4]:
            if m.end <= pos and m.start >= floor_pos and (best is None or m.end > best.end):
                best = m
        return best

    def fullest(self, name: str) -> str:
        """The longest person name in the text ending with `name`'s last word."""
        if self._longest is None:
            self._longest = {}
            for p in self.persons:
                words = p.name.split()
                if words and len(p.name) > len(self._longest.get(words[-1], "")):
                    self._longest[words[-1]] = p.name
        words = name.split()
        best = self._longest.get(words[-1], name) if words else name
        return best if len(best) > len(name) else name


def _ending(tok: Token) -> int:
    return len(tok.text) - len(tok.base)
