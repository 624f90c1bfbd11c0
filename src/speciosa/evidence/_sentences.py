"""Sentence splitting for web articles: headings, list items, abbreviations, broken punctuation.

Articles about kratom are rarely clean prose. Headings sit on their own lines without a full stop,
list items start with ``-``, ``•`` or ``1.``, paragraphs may be hard-wrapped, abbreviations
(``e.g.``, ``et al.``, ``U.S.``, ``approx.``) and decimals (``2.5 g``) contain full stops, and some
pages drop the space after a full stop (``depression.Kratom``). The splitter works line by line:

1. a line is a block; a hard-wrapped line (no closing punctuation, next line starts in lower
   case) is joined to the next one;
2. a list marker is not part of the sentence;
3. inside a block, a sentence ends at ``.``, ``!``, ``?`` or ``…`` (with closing quotes or
   brackets) followed by a space and a capital, a digit or an opening quote, unless the word
   before is a known abbreviation, an initial or a number; and at a full stop glued to the next
   capitalised word.

Offsets are character offsets into the text given, so ``text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

__all__ = ["Sentence", "split_sentences"]

BlockKind = Literal["heading", "item", "text"]

_ABBREVIATIONS: Final = frozenset(
    "e.g i.e etc al vs approx ca cf dr mr mrs ms prof st no nos fig figs vol ed eds jr sr inc ltd co corp "
    "dept "
    "est min max mg mcg kg g ml dl hr hrs wk wks mo yr yrs jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k u.n d.c p.m a.m ph.d m.d b.sc m.sc resp approx incl excl sec ref refs p pp op cit viz".split()
)
_LIST_MARKER = re.compile(r"^\s*(?:[-*+•·▪►✓✔]|\d{1,3}[.)]|[a-z][.)])\s+")
_TERMINAL = re.compile(r"[.!?…]+[\"'”’)\]]*")
_GLUED = re.compile(r"(?<=[a-z0-9]{3}[.!?])(?=[A-Z][a-z])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or heading, or list item) with its character span in the text.

    Attributes
    ----------
    start, end
        ``text[start:end]`` of the document is the sentence.
    text
        The sentence as written.
    block
        ``heading`` (a line without closing punctuation, short), ``item`` (a list item) or
        ``text`` (prose).
    """

    start: int
    end: int
    text: str
    block: BlockKind


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of non-blank lines, with hard-wrapped lines joined."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            spans.append((-1, -1))  # paragraph break
            continue
        if spans and spans[-1][0] >= 0:
            prev_start, prev_end = spans[-1]
            prev = text[prev_start:prev_end].rstrip()
            stripped = line.lstrip()
            if (
                prev
                and not re.search(r"[.!?:;…\"”)]$", prev)
                and stripped[:1].islower()
                and not _LIST_MARKER.match(line)
                and len(prev.split()) >= 6
                and not _title_case(prev)
            ):
                spans[-1] = (prev_start, end)
                continue
        spans.append((start, end))
    return [s for s in spans if s[0] >= 0]


def _title_case(line: str) -> bool:
    """True for a line in Title Case (a heading), e.g. "Weighing the Risks and Benefits"."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _is_abbreviation(block: str, dot: int, *, numbers: bool = True) -> bool:
    """True when the full stop at ``dot`` ends an abbreviation, an initial or (``numbers``) a number."""
    head = block[: dot + 1]
    match = _WORD_BEFORE.search(head)
    if match is None:
        return numbers and bool(re.search(r"\d\.$", head))  # a numbered item or a number like "No. 8."
    word = match.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha() and match.group(1)[0].isupper()  # an initial: "J. Smith"


def _split_block(block: str) -> list[tuple[int, int]]:
    cuts: list[int] = []
    for match in _TERMINAL.finditer(block):
        end = match.end()
        rest = block[end:]
        nxt = re.match(r"\s+([\"'“‘(\[]?[A-Z0-9])", rest)
        if nxt is None:
            continue
        if match.group().startswith(".") and len(match.group().rstrip("\"'”’)]")) == 1:
            if _is_abbreviation(block, match.start()):
                continue
        cuts.append(end)
    cuts += [
        m.start() for m in _GLUED.finditer(block) if not _is_abbreviation(block, m.start() - 1, numbers=False)
    ]
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(set(cuts)):
        spans.append((start, cut))
        start = cut
    spans.append((start, len(block)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        piece = block[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            out.append((s + lead, e - trail))
    return out


def _kind(line: str, has_marker: bool) -> BlockKind:
    if has_marker and _title_case(line) and not re.search(r"[.!?…:;\"”]$", line.rstrip()):
        return "heading"  # a table of contents: "- Weighing the Risks and Benefits"
    if has_marker:
        return "item"
    words = line.split()
    if len(words) <= 16 and not re.search(r"[.!…\"”]$", line.rstrip()) and not line.rstrip().endswith(","):
        return "heading"
    return "text"


def split_sentences(text: str) -> list[Sentence]:
    """Split an article's text into sentences, headings and list items, in order.

    Examples
    --------
    >>> [s.text for s in split_sentences("Kratom and mood\\nSome say e.g. 2.5 g helps. Others disagree!")]
    ['Kratom and mood', 'Some say e.g. 2.5 g helps.', 'Others disagree!']
    >>> [s.block for s in split_sentences("- Red vein relaxes.\\n- White vein energises.")]
    ['item', 'item']
    """
    out: list[Sentence] = []
    for start, end in _lines(text):
        line = text[start:end]
        marker = _LIST_MARKER.match(line)
        offset = start + (marker.end() if marker else len(line) - len(line.lstrip()))
        body = text[offset:end].rstrip()
        if not body:
            continue
        kind = _kind(body, marker is not None)
        pieces = _split_block(body)
        for s, e in pieces:
            piece_kind: BlockKind = kind if len(pieces) == 1 or kind == "item" else "text"
            out.append(Sentence(offset + s, offset + e, body[s:e], piece_kind))
    return out
