"""Reading articles: encodings, binary and empty input refused with a message, markup removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from speciosa.errors import InputError
from speciosa.evidence import document_from_bytes, read_document


def test_utf8_utf16_and_windows_1252_are_read() -> None:
    text = "Kratom’s alkaloids — mitragynine — act on µ-opioid receptors."
    assert document_from_bytes(text.encode("utf-8"), "a").text == text
    assert document_from_bytes(text.encode("utf-16"), "a").encoding == "utf-16"
    assert document_from_bytes(text.encode("utf-16"), "a").text == text
    legacy = document_from_bytes(text.encode("cp1252"), "a")
    assert (legacy.encoding, legacy.text) == ("cp1252", text)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"   \n\t ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
        (b"\x81\x8d\x8f\x90\x9d" * 50, "not valid UTF-8"),
        (
            b"<html><head><title></title><script>var a=1;</script></head><body></body></html>",
            "no readable text",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        document_from_bytes(data, "article.txt")
    assert info.value.field == "article.txt"


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.txt: it does not exist"):
        read_document(tmp_path / "nope.txt")


def test_html_loses_tags_scripts_and_styles_and_keeps_blocks() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Shop</title><style>p{color:red}</style></head><body>"
        "<nav><a href='/'>Home</a></nav><h1>Red Vein Kratom</h1><p>Red vein is &quot;relaxing&quot;.<br>"
        "It helps sleep.</p><ul><li>Start low</li><li>Go slow</li></ul><script>track()</script></body></html>"
    )
    doc = document_from_bytes(page.encode(), "page.html")
    assert doc.kind == "html"
    assert doc.text.splitlines() == [
        "Home",
        "Red Vein Kratom",
        'Red vein is "relaxing".',
        "It helps sleep.",
        "- Start low",
        "- Go slow",
    ]


def test_markdown_loses_markup() -> None:
    md = (
        "# Kratom and anxiety\n\n**Kratom** may *calm* you, says [a study](http://x.y).\n\n"
        "- item one\n> quoted\n"
    )
    doc = document_from_bytes(md.encode(), "post.md", "markdown")
    assert doc.text.splitlines() == [
        "Kratom and anxiety",
        "",
        "Kratom may calm you, says a study.",
        "",
        "- item one",
        "quoted",
    ]


def test_format_is_sniffed_without_a_suffix() -> None:
    assert document_from_bytes(b"<p>Kratom is legal.</p>", "-").kind == "html"
    assert document_from_bytes(b"# Title\n\n**Bold** claim about kratom.\n- a", "-").kind == "markdown"
    assert document_from_bytes(b"Kratom is legal in Thailand.", "-").kind == "text"
