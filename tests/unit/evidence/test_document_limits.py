"""Issue 17: reading an article is linear in its size, and articles over the size limit are refused.

Each hostile input below used to take from seconds to hours (quadratic regex scans from every
unclosed code fence, bracket, emphasis marker or ``<``; per-full-stop copies of the text in the
sentence splitter). The wall-clock bound is generous on purpose: it guards against super-linear
blow-up, not against ordinary slowness (performance is measured in ``benchmarks/``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from speciosa.errors import InputError
from speciosa.evidence import (
    MAX_ARTICLE_BYTES,
    MAX_SENTENCE_CHARS,
    document_from_bytes,
    read_document,
    split_sentences,
)

BLOW_UP_BOUND_S = 10.0

HOSTILE = {
    "1 MB single-line Markdown": ("big.md", "x" * 1_000_000),
    "20,000 code fences": ("fences.md", "# Kratom\n" + "```\nKratom helps.\n" * 20_000),
    "20,000 unclosed code fences": ("fences.md", "# Kratom\n" + "```python\n" * 20_000),
    "unclosed brackets": ("b.md", "# Kratom\n" + "[" * 500_000),
    "unclosed images": ("i.md", "# Kratom\n" + "![" * 400_000),
    "links without targets": ("l.md", "# Kratom\n" + "[a](" * 250_000),
    "emphasis markers never closed": ("e.md", "# Kratom\n" + "*a " * 300_000),
    "a heading of hashes": ("h.md", "# " + "#" * 1_000_000 + "x"),
    "a line of '<'": ("lt.md", "# Kratom\n" + "<" * 1_000_000),
    "blank lines (format sniffing)": ("blank", "- a **b**\n" + " \n" * 900_000 + "x"),
    "1 MB HTML line": ("p.html", "<p>" + "Kratom is legal in Texas and helps mood " * 25_000 + "</p>"),
    "deeply nested HTML": ("n.html", "<div>" * 100_000 + "Kratom helps." + "</div>" * 100_000),
    "unclosed start tags": ("t.html", "<p>Kratom</p>" + "<x" * 500_000),
    "unclosed end tags": ("u.html", "<p>Kratom</p>" + "</" * 500_000),
    "unclosed declarations": ("d.html", "<p>Kratom</p>" + "<!" * 500_000),
    "unclosed instructions": ("q.html", "<p>Kratom</p>" + "<?" * 500_000),
    "100,000 lines without punctuation": ("n.txt", "Kratom\n" + "kratom eases pain\n" * 100_000),
    "hard-wrapped lines all joined": (
        "w.txt",
        "Kratom\n" + "kratom eases pain and helps mood a lot\n" * 45_000,
    ),
    "one 1 MB sentence": ("s.txt", "Kratom " + "helps mood and pain a lot " * 38_000 + "end."),
    "initials without end": ("a.txt", "Kratom " + "A. " * 300_000),
    "a run of letters and full stops": ("r.txt", "Kratom helps " + "a.b" * 300_000 + ". End."),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_articles_are_read_in_bounded_time(case: str) -> None:
    name, text = HOSTILE[case]
    data = text.encode()
    assert len(data) <= MAX_ARTICLE_BYTES
    start = time.perf_counter()
    try:
        document = document_from_bytes(data, name)
    except InputError as exc:  # nothing readable left once the markup is removed
        assert "no readable text" in exc.message
        sentences = []
    else:
        sentences = split_sentences(document.text)
    assert time.perf_counter() - start < BLOW_UP_BOUND_S
    for s in sentences:
        assert len(s.text) <= MAX_SENTENCE_CHARS
        assert document.text[s.start : s.end] == s.text


def test_a_long_sentence_is_cut_at_white_space_and_nothing_is_lost() -> None:
    text = "Kratom " + "helps mood " * 500 + "end."
    sentences = split_sentences(text)
    assert len(sentences) > 1 and all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert " ".join(s.text for s in sentences) == text
    assert all(s.text.endswith(("mood", "helps", "end.")) for s in sentences)
    glued = split_sentences("k" * (2 * MAX_SENTENCE_CHARS + 5))  # no white space: cut at the limit
    assert [len(s.text) for s in glued] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 5]


def test_markdown_rules_still_hold_after_the_rewrite() -> None:
    md = (
        "# Kratom and mood #\n```\ncode()\n```\nSee ![a leaf](x.png) and [the study](http://x/(y).\n"
        "It is **very** *mild* and _calm_, with `inline` and <b>tags</b>.\n```\nnot closed"
    )
    assert document_from_bytes(md.encode(), "a.md").text.splitlines() == [
        "Kratom and mood",
        "",
        "See a leaf and the study.",
        "It is very mild and calm, with inline and tags.",
        "`",  # an unclosed fence stays text; the inline-code rule pairs two of its backticks
        "not closed",
    ]


def test_an_article_over_the_limit_is_refused_naming_its_size(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        document_from_bytes(b"Kratom. " * (MAX_ARTICLE_BYTES // 8 + 1), "big.txt")
    assert info.value.field == "article"
    assert "big.txt is 2.0 MB; the auditor reads articles up to 2 MB" in info.value.message
    path = tmp_path / "big.md"
    with path.open("wb") as f:
        f.truncate(5_200_000)  # sparse: nothing is written, and nothing should be read
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.field == "article"
    assert info.value.message == (
        f"{path} is 5.2 MB; the auditor reads articles up to 2 MB; "
        "split the file or pass the article text only"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused_without_reading_it() -> None:
    start = time.perf_counter()
    with pytest.raises(InputError, match="not a regular file"):
        read_document(Path("/dev/zero"))
    assert time.perf_counter() - start < BLOW_UP_BOUND_S


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_fifo_without_a_writer_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_document(fifo)
