"""Reading articles: bytes to text, for plain text, Markdown and HTML.

The auditor works on the text of an article as a reader sees it. Plain text is kept as it is
(offsets are character offsets into the decoded file). Markdown loses its markup (``#``, list
markers, emphasis, link targets) and HTML its tags, scripts and styles; block elements become line
breaks, so headings and list items stay separate sentences. Offsets then refer to that extracted
text, which :class:`Document` carries.

Bytes that are not text are refused with a :class:`~speciosa.errors.InputError` that says what
was wrong: an empty file, a binary file (NUL bytes or many control characters), or an encoding
that is neither UTF-8/UTF-16 (with a byte-order mark) nor a common legacy encoding.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Final, Literal

from speciosa.errors import InputError

__all__ = ["SUFFIXES", "Document", "decode", "document_from_bytes", "read_document", "to_text"]

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
    if re.search(r"^(#{1,6} |\s*[-*+] |\s*\d+\. )", text, re.MULTILINE) and re.search(
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


def document_from_bytes(data: bytes, name: str, kind: Kind | None = None) -> Document:
    """A :class:`Document` from raw bytes; the format is sniffed when ``kind`` is None."""
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
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    return document_from_bytes(data, str(path), SUFFIXES.get(path.suffix.lower()))


# ---------------------------------------------------------------------------------------------
# Markdown


_MD_RULES: Final = (
    (re.compile(r"^```.*?^```[ \t]*$", re.MULTILINE | re.DOTALL), ""),  # code fences
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: text
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*(.*?)[ \t]*#*[ \t]*$", re.MULTILINE), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.MULTILINE), "- "),  # list items
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
    (re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.MULTILINE), ""),  # rules
    (re.compile(r"<[^>\n]+>"), ""),  # inline html
)


def _markdown_text(text: str) -> str:
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text


# ---------------------------------------------------------------------------------------------
# HTML


_BLOCK: Final = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer blockquote "
    "pre hr dt dd dl figcaption main aside nav title".split()
)
_SKIP: Final = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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
    parser.close()
    body = unescape("".join(parser.parts))
    lines = [" ".join(line.split()) for line in body.split("\n")]
    out = "\n".join(line for line in lines if line)
    if not out.strip() and parser._title:  # noqa: SLF001 - own class
        out = " ".join("".join(parser._title).split())  # noqa: SLF001
    return out
