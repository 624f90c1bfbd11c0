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

4. a sentence longer than :data:`MAX_SENTENCE_CHARS` (a page without punctuation, a run of
   words) is cut at the last white space before the limit (or at the limit, if it has none), so
   that no piece the matcher embeds is longer than that.

Offsets are character offsets into the text given, so ``text[s.start:s.end] == s.text``. The
splitter runs in time linear in the length of the text (issue 17).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Final, Literal

__all__ = ["MAX_SENTENCE_CHARS", "Sentence", "split_sentences"]

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
_WORD_RUN = re.compile(r"[A-Za-z.]+")
_LETTER = re.compile(r"[A-Za-z]")
_NEXT_START = re.compile(r"\s+([\"'“‘(\[]?[A-Z0-9])")
_CLOSED = re.compile(r"[.!?:;…\"”)]")
_LONG_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_LONGEST_ABBREVIATION: Final = 6

MAX_SENTENCE_CHARS: Final = 1000
"""Longest piece of text treated as one sentence (characters).

Prose sentences in web articles run to a few hundred characters; the longest in the audit gold
set is 280. A longer "sentence" is a page without full stops, and embedding it whole would
average a whole page into one vector (and pad every sentence batched with it to its length)."""


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
    # Word counts of the last span, kept as lines join it, so joining stays linear: the number of
    # words, of words over three letters, and of those that start with a capital (_title_case).
    words = long_words = capitalised = 0
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            spans.append((-1, -1))  # paragraph break
            continue
        line_words, line_long, line_caps = _word_counts(line)
        if spans and spans[-1][0] >= 0:
            prev_start, prev_end = spans[-1]
            stripped = line.lstrip()
            if (
                _CLOSED.fullmatch(_last_char(text, prev_start, prev_end)) is None
                and stripped[:1].islower()
                and not _LIST_MARKER.match(line)
                and words >= 6
                and not (long_words and capitalised / long_words >= 0.6)
            ):
                spans[-1] = (prev_start, end)
                words, long_words, capitalised = (
                    words + line_words,
                    long_words + line_long,
                    capitalised + line_caps,
                )
                continue
        spans.append((start, end))
        words, long_words, capitalised = line_words, line_long, line_caps
    return [s for s in spans if s[0] >= 0]


def _last_char(text: str, start: int, end: int) -> str:
    """The last non-space character of ``text[start:end]`` (which holds one)."""
    k = end - 1
    while k > start and text[k].isspace():
        k -= 1
    return text[k]


def _word_counts(line: str) -> tuple[int, int, int]:
    long = [w for w in _LONG_WORD.findall(line) if len(w) > 3]
    return len(line.split()), len(long), sum(w[0].isupper() for w in long)


def _title_case(line: str) -> bool:
    """True for a line in Title Case (a heading), e.g. "Weighing the Risks and Benefits"."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


class _Words:
    """Where each run of letters and full stops in a block starts its word (for abbreviations)."""

    def __init__(self, block: str) -> None:
        self.block = block
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.first_letter: list[int] = []
        for run in _WORD_RUN.finditer(block):
            letter = _LETTER.search(block, run.start(), run.end())
            self.starts.append(run.start())
            self.ends.append(run.end())
            self.first_letter.append(-1 if letter is None else letter.start())

    def before(self, dot: int) -> str | None:
        """The word ending just before ``dot``, as ``([A-Za-z][A-Za-z.]*)\\.$`` would find it.

        ``dot`` follows a character other than a full stop (a lone full stop of a terminal, or one
        glued to the next sentence), so the word has no trailing full stops to strip. Words longer
        than any abbreviation come back as ``""`` (they are neither abbreviations nor initials),
        so the cost does not grow with the length of a run like ``a.b.c.d...``.
        """
        if dot < 1 or self.block[dot] != ".":
            return None
        k = bisect_right(self.starts, dot - 1) - 1
        if k < 0 or self.ends[k] < dot or self.first_letter[k] < 0 or self.first_letter[k] > dot - 1:
            return None
        first = self.first_letter[k]
        return self.block[first:dot] if dot - first <= 2 * _LONGEST_ABBREVIATION else ""


def _is_abbreviation(words: _Words, dot: int, *, numbers: bool = True) -> bool:
    """True when the full stop at ``dot`` ends an abbreviation, an initial or (``numbers``) a number."""
    before = words.before(dot)
    if before is None:
        block = words.block
        # a numbered item or a number like "No. 8."
        return numbers and dot >= 1 and block[dot] == "." and block[dot - 1].isdecimal()
    word = before.lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha() and before[0].isupper()  # an initial: "J. Smith"


def _split_block(block: str) -> list[tuple[int, int]]:
    words = _Words(block)
    cuts: list[int] = []
    for match in _TERMINAL.finditer(block):
        end = match.end()
        if _NEXT_START.match(block, end) is None:
            continue
        if match.group().startswith(".") and len(match.group().rstrip("\"'”’)]")) == 1:
            if _is_abbreviation(words, match.start()):
                continue
        cuts.append(end)
    cuts += [
        m.start() for m in _GLUED.finditer(block) if not _is_abbreviation(words, m.start() - 1, numbers=False)
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
            out += _capped(block, s + lead, e - trail)
    return out


def _capped(block: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)``, cut into pieces of at most :data:`MAX_SENTENCE_CHARS` at white space."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(block.rfind(c, start + 1, limit + 1) for c in " \t\n")
        cut = limit if cut <= start else cut
        pieces.append((start, len(block[start:cut].rstrip()) + start))
        start = cut
        while start < end and block[start].isspace():
            start += 1
    pieces.append((start, end))
    return pieces


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
