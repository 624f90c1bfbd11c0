"""Reading articles: bytes to text, for plain text, Markdown and HTML.

The auditor works on the text of an article as a reader sees it. Plain text is kept as it is
(offsets are character offsets into the decoded file). Markdown loses its markup (``#``, list
markers, emphasis, link targets) and HTML its tags, scripts and styles; block elements become line
breaks, so headings and list items stay separate sentences. Offsets then refer to that extracted
text, which :class:`Document` carries.

Bytes that are not text are refused with a :class:`~speciosa.errors.InputError` that says what
was wrong: an empty file, a binary file (NUL bytes or many control characters), an encoding
that is neither UTF-8/UTF-16 (with a byte-order mark) nor a common legacy encoding, or more than
:data:`MAX_ARTICLE_BYTES` (at most that many bytes plus one are ever read, so ``/dev/zero`` or a
endless pipe is refused, not read). Every step from bytes to text runs in time linear in the size
of the input, whatever the markup (issue 17).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Final, Literal

from speciosa.errors import InputError
from speciosa.inputs import read_bytes

__all__ = [
    "MAX_ARTICLE_BYTES",
    "SUFFIXES",
    "Document",
    "decode",
    "document_from_bytes",
    "read_article_bytes",
    "read_document",
    "to_text",
]

Kind = Literal["text", "markdown", "html"]

SUFFIXES: Final[dict[str, Kind]] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
"""File suffixes the auditor reads, and the format each one means."""

MAX_ARTICLE_BYTES: Final = 2_000_000
"""Largest article the auditor reads (bytes of input, before decoding).

Long-form web articles hold 10-150 kB of text, and a saved page with its markup, inline styles and
scripts is typically 0.1-1.5 MB; 2 MB holds those with room to spare, while auditing an article at
the limit still takes seconds, not minutes. A longer input is almost surely not one article (a
book, a site dump, a log): it is refused with a message saying to split it."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE: Final = 0.01
_LEGACY: Final = ("cp1252",)


@dataclass(frozen=True, slots=True)
class Document:
    """An article as the auditor reads it.

    Attributes
    ----------
    name
        File path, or ``"-"`` for standard input.
    kind
        ``text``, ``markdown`` or ``html``.
    text
        The text that sentences and offsets refer to (markup removed).
    encoding
        The encoding the bytes were decoded with.
    """

    name: str
    kind: Kind
    text: str
    encoding: str


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)``.

    Raises
    ------
    InputError
        For empty input, binary data, or bytes no supported encoding reads.
    """
    if not data.strip():
        raise InputError(name, "is empty; give a text, Markdown or HTML article")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name), encoding
            except UnicodeDecodeError:
                raise InputError(
                    name, f"starts with a {encoding} byte-order mark but is not valid {encoding}"
                ) from None
    if b"\x00" in data:
        raise InputError(
            name, "is a binary file (it contains NUL bytes), not a text, Markdown or HTML article"
        )
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for encoding in _LEGACY:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible_legacy(text):
            return _checked(text, name), encoding
    raise InputError(
        name,
        f"is not valid UTF-8 (byte {utf8_error.start}: {data[utf8_error.start : utf8_error.start + 4]!r}) "
        "and does not read as Windows-1252 text; re-save it as UTF-8",
    )


def _plausible_legacy(text: str) -> bool:
    """Legacy-decoded text is accepted when it is mostly letters, digits, spaces and punctuation."""
    if not text:
        return False
    odd = sum(1 for ch in text if ord(ch) > 0x7F and not ch.isalpha() and ch not in "‘’“”–—…€£°µ±·×")
    return odd / len(text) < 0.02


def _checked(text: str, name: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls > max(2, _MAX_CONTROL_SHARE * len(text)):
        raise InputError(
            name, f"looks binary ({controls} control characters), not a text, Markdown or HTML article"
        )
    if not text.strip():
        raise InputError(name, "has no text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _sniff(text: str) -> Kind:
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(p|div|h[1-6]|body|article)[\s>]", head):
        return "html"
    # [^\S\n]* (white space within the line), not \s*: \s* crosses newlines, so every line start
    # of a run of blank lines would rescan the whole run (quadratic in the number of blank lines).
    if re.search(r"^(#{1,6} |[^\S\n]*[-*+] |[^\S\n]*\d+\. )", text, re.MULTILINE) and re.search(
        r"(^#{1,6} |\*\*|\]\()", text, re.MULTILINE
    ):
        return "markdown"
    return "text"


def to_text(text: str, kind: Kind) -> str:
    """The reader's text of ``text`` in format ``kind`` (markup removed, blocks on their own lines)."""
    if kind == "html":
        return _html_text(text)
    if kind == "markdown":
        return _markdown_text(text)
    return text


def _too_large(name: str, size: int | None) -> InputError:
    limit = f"{MAX_ARTICLE_BYTES / 1e6:g} MB"
    how_big = f"is {size / 1e6:.1f} MB" if size is not None else f"is more than {limit}"
    return InputError(
        "article",
        f"{name} {how_big}; the auditor reads articles up to {limit}; "
        "split the file or pass the article text only",
    )


def document_from_bytes(data: bytes, name: str, kind: Kind | None = None) -> Document:
    """A :class:`Document` from raw bytes; the format is sniffed when ``kind`` is None.

    Raises
    ------
    InputError
        Field ``article`` when ``data`` is longer than :data:`MAX_ARTICLE_BYTES`; field ``name``
        when it is not readable text (see :func:`decode`).
    """
    if len(data) > MAX_ARTICLE_BYTES:
        # limit + 1 bytes is what a bounded read of a longer stream returns: its size is unknown
        raise _too_large(name, len(data) if len(data) > MAX_ARTICLE_BYTES + 1 else None)
    text, encoding = decode(data, name)
    kind = kind or _sniff(text)
    body = to_text(text, kind)
    if not body.strip():
        raise InputError(name, f"has no readable text once the {kind} markup is removed")
    return Document(name, kind, body, encoding)


def read_document(path: Path) -> Document:
    """Read one article file; the suffix chooses the format (others are sniffed).

    Raises
    ------
    InputError
        If the file cannot be read or is not text (see :func:`decode`).
    """
    data = read_article_bytes(path)
    return document_from_bytes(data, str(path), SUFFIXES.get(path.suffix.lower()))


def read_article_bytes(path: Path) -> bytes:
    """The bytes of the regular file at ``path``, reading at most :data:`MAX_ARTICLE_BYTES` + 1.

    The file is opened without blocking and checked to be a regular file before anything is read,
    so a FIFO, a device such as ``/dev/zero`` or a socket is refused at once (pipe an article to
    ``speciosa audit -`` instead).

    Raises
    ------
    InputError
        Field ``article`` if the file is over the size limit; field ``path`` if it cannot be
        opened or is not a regular file.
    """
    name = str(path)
    return read_bytes(path, name, max_bytes=MAX_ARTICLE_BYTES, too_large=lambda size: _too_large(name, size))


# ---------------------------------------------------------------------------------------------
# Markdown


# Each step below is one linear pass over the text, applied in this order. Steps written as code
# rather than a regex are the ones whose regex backtracks over the rest of the text or line from
# every candidate start (unclosed fences, brackets, emphasis markers, "<" and "#" runs): each
# such pass finds the closing delimiter once and skips what cannot match.
_MD_HEADING_START: Final = re.compile(r"[ \t]{0,3}#{1,6}[ \t]*")
_MD_LINE_RULES: Final = (
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.MULTILINE), "- "),  # list items
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # strong (a start fails only without a later marker)
)
_MD_INLINE_CODE: Final = re.compile(r"`([^`]*)`")
_MD_RULE: Final = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_EMPHASIS_OPEN: Final = re.compile(r"(?<![\w*])[*_](?!\s)")
_EMPHASIS_CLOSE: Final = re.compile(r"(?<!\s)[*_](?![\w*])")


def _strip_fences(text: str) -> str:
    """Remove code blocks: a line starting with three backticks through the next line of only them."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("```"):
            j = i + 1
            while j < len(lines) and not (lines[j].startswith("```") and not lines[j][3:].strip(" \t")):
                j += 1
            if j == len(lines):  # unclosed: no later fence can close either
                out.extend(lines[i:])
                break
            out.append("")
            i = j + 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _strip_links(text: str, opener: str, min_label: int) -> str:
    """``[label](target)`` (``opener`` "[") or ``![alt](target)`` (``opener`` "![") to the label."""
    out: list[str] = []
    pos = 0  # copied up to here
    i = text.find(opener)
    while i >= 0:
        label = i + len(opener)
        close = text.find("]", label)
        if close < 0:
            break  # no "]" after this opener, so none after any later one
        if close - label >= min_label and text.startswith("(", close + 1):
            end = text.find(")", close + 2)
            if end < 0:
                break
            out += [text[pos:i], text[label:close]]
            pos = end + 1
            i = text.find(opener, pos)
        else:  # every opener before `close` meets the same "]" and fails the same way
            i = text.find(opener, i + 1 if close == label else close + 1)
    out.append(text[pos:])
    return "".join(out)


def _strip_headings(text: str) -> str:
    lines = text.split("\n")
    for k, line in enumerate(lines):
        m = _MD_HEADING_START.match(line)
        if m is not None:
            lines[k] = line[m.end() :].rstrip(" \t").rstrip("#").rstrip(" \t")
    return "\n".join(lines)


def _strip_emphasis(text: str) -> str:
    """``*word*`` and ``_word_`` to ``word`` (markers not inside words, no space inside them)."""
    closers: dict[str, list[int]] = {"*": [], "_": []}
    for m in _EMPHASIS_CLOSE.finditer(text):
        closers[text[m.start()]].append(m.start())
    nxt = {"*": 0, "_": 0}  # index of the first closer not yet passed, per marker
    out: list[str] = []
    pos = 0
    line_end = -1  # end of the line holding `start` (found once per line)
    for m in _EMPHASIS_OPEN.finditer(text):
        start = m.start()
        if start < pos:
            continue
        marker = text[start]
        cands = closers[marker]
        k = nxt[marker]
        while k < len(cands) and cands[k] < start + 2:
            k += 1
        nxt[marker] = k
        if line_end < start:
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
        if k < len(cands) and cands[k] < line_end:
            out += [text[pos:start], text[start + 1 : cands[k]]]
            pos = cands[k] + 1
    out.append(text[pos:])
    return "".join(out)


def _strip_inline_html(text: str) -> str:
    """Remove ``<...>`` tags that open and close on one line."""
    out: list[str] = []
    for line in text.split("\n"):
        parts: list[str] = []
        pos = 0
        i = line.find("<")
        while i >= 0:
            close = line.find(">", i + 1)
            if close < 0:
                break
            if close > i + 1:
                parts.append(line[pos:i])
                pos = close + 1
                i = line.find("<", pos)
            else:
                i = line.find("<", i + 1)
        parts.append(line[pos:])
        out.append("".join(parts))
    return "\n".join(out)


def _markdown_text(text: str) -> str:
    text = _strip_fences(text)
    text = _strip_links(text, "![", 0)  # images: alt text
    text = _strip_links(text, "[", 1)  # links: text
    text = _strip_headings(text)
    for pattern, repl in _MD_LINE_RULES:
        text = pattern.sub(repl, text)
    text = _strip_emphasis(text)
    text = _MD_INLINE_CODE.sub(r"\1", text)
    text = _MD_RULE.sub("", text)
    return _strip_inline_html(text)


# ---------------------------------------------------------------------------------------------
# HTML


_BLOCK: Final = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer blockquote "
    "pre hr dt dd dl figcaption main aside nav title".split()
)
_SKIP: Final = frozenset({"script", "style", "noscript", "template", "svg", "head"})


_TAG_NAME: Final = re.compile(r"[a-zA-Z][^\t\n\r\f />\x00]*")
_TAG_STOP: Final = re.compile(r"[>\"']")
_COMMENT_END: Final = re.compile(r"--\s*>")
_RAW_TEXT_END: Final = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in ("script", "style")}


def _is_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _start_tag_end(text: str, pos: int) -> int:
    """Index of the ``>`` closing a start tag whose attributes begin at ``pos``, or -1 at the end.

    A quote opens an attribute value only after ``=``; inside a value ``>`` does not close the tag.
    """
    while True:
        m = _TAG_STOP.search(text, pos)
        if m is None:
            return -1
        k = m.start()
        if text[k] == ">":
            return k
        before = k - 1
        while before >= pos and text[before].isspace():
            before -= 1
        if before >= pos and text[before] == "=":
            close = text.find(text[k], k + 1)
            if close < 0:
                return -1
            pos = close + 1
        else:
            pos = k + 1


def _html_events(text: str) -> Iterator[tuple[Literal["start", "end", "data", "raw"], str]]:
    """Start tags, end tags, text and raw text (of ``script`` and ``style``) of an HTML page.

    Character references are left as written.

    A single left-to-right pass, so its cost is linear in the length of the page whatever the
    markup: each construct's end is searched for once, and a construct the page never closes
    (a tag, comment or declaration cut off by the end of the file) ends the page, as in the
    HTML5 tokenizer. (Python's ``html.parser`` before 3.13.4 rescans the rest of the page from
    every such construct: minutes for 1 MB of ``<x``.) Comments, declarations and processing
    instructions are dropped; ``script`` and ``style`` hold raw text up to their end tag.
    """
    n = len(text)
    i = 0
    while i < n:
        j = text.find("<", i)
        if j < 0:
            yield "data", text[i:]
            return
        if j > i:
            yield "data", text[i:j]
        nxt = text[j + 1 : j + 2]
        if text.startswith("<!--", j):
            m = _COMMENT_END.search(text, j + 4)
            i = n if m is None else m.end()
        elif text.startswith("<![CDATA[", j):
            k = text.find("]]>", j + 9)
            i = n if k < 0 else k + 3
        elif nxt in ("!", "?") or (nxt == "/" and not _is_letter(text[j + 2 : j + 3])):
            k = text.find(">", j + 2)
            i = n if k < 0 else k + 1
        elif nxt == "/":
            name = _TAG_NAME.match(text, j + 2)
            k = text.find(">", j + 2)
            if k < 0:
                return
            if name is not None:
                yield "end", name.group().lower()
            i = k + 1
        elif _is_letter(nxt):
            name = _TAG_NAME.match(text, j + 1)
            assert name is not None  # a letter follows "<"
            k = _start_tag_end(text, name.end())
            if k < 0:
                return
            tag = name.group().lower()
            yield "start", tag
            i = k + 1
            if text[k - 1] == "/" and k - 1 >= name.end():
                yield "end", tag
            elif tag in _RAW_TEXT_END:
                m = _RAW_TEXT_END[tag].search(text, i)
                if m is None:  # unclosed: the rest of the page is script or style
                    return
                yield "raw", text[i : m.start()]
                yield "end", tag
                i = m.end()
        else:
            yield "data", "<"
            i = j + 1


class _TextExtractor:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self._skip = 0
        self._title: list[str] = []
        self._in_title = False

    def feed(self, text: str) -> None:
        for kind, value in _html_events(text):
            if kind == "start":
                self.handle_starttag(value)
            elif kind == "end":
                self.handle_endtag(value)
            else:
                self.handle_data(unescape(value) if kind == "data" else value)

    def handle_starttag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP:
            self._skip += 1
        if tag in _BLOCK:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP and self._skip:
            self._skip -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._skip:
            self.parts.append(data)


def _html_text(text: str) -> str:
    parser = _TextExtractor()
    parser.feed(text)
    body = unescape("".join(parser.parts))
    lines = [" ".join(line.split()) for line in body.split("\n")]
    out = "\n".join(line for line in lines if line)
    if not out.strip() and parser._title:  # noqa: SLF001 - own class
        out = " ".join("".join(parser._title).split())  # noqa: SLF001
    return out
