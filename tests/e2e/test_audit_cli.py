"""``speciosa audit`` end to end: formats, stdin, folders with a progress bar, malformed input (exit 2)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from speciosa.cli import main
from speciosa.evidence import NOT_IN_LIBRARY
from speciosa.knowledge import VERDICTS

SEED = (
    Path(__file__).parents[1]
    / "validation"
    / "data"
    / "audit_gold"
    / "articles"
    / "seeds"
    / "000_48a03232a091bbb7.txt"
)
CLAIM_KEYS = {
    "sentence",
    "start",
    "end",
    "claim_id",
    "verdict",
    "evidence_level",
    "rationale",
    "sources",
    "score",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_issue_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "audit", str(SEED), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) >= {"document", "claims", "summary"}
    text = SEED.read_text(encoding="utf-8")
    assert doc["claims"]
    for claim in doc["claims"]:
        assert CLAIM_KEYS <= set(claim)
        assert text[claim["start"] : claim["end"]] == claim["sentence"]
        assert claim["verdict"] in (*VERDICTS, NOT_IN_LIBRARY)
        if claim["verdict"] != NOT_IN_LIBRARY:
            assert claim["rationale"] and claim["evidence_level"]
        assert set(claim["sources"]) <= set(doc["references"])
    assert doc["summary"]["checkworthy"] == len(doc["claims"])
    # the seed's outdated legal claim is caught: Thailand legalised kratom in 2021
    thailand = [c for c in doc["claims"] if "Thailand" in c["sentence"]]
    verdicts = {c["verdict"] for c in thailand} | {a["verdict"] for c in thailand for a in c["also"]}
    assert verdicts & {"outdated", "contradicted"}


def test_html_highlights_sentences_and_lists_references(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "audit.html"
    code, _, err = run(capsys, "audit", str(SEED), "--format", "html", "--out", str(out))
    assert code == 0 and "wrote" in err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("<mark ") >= 10 and 'title="#1 ' in page
    assert "<h2>References</h2>" in page and "doi:" in page
    assert "http://" not in page.split("<h2>References</h2>")[0].replace("http://www.w3.org", "")


def test_markdown_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "audit", str(SEED), "--format", "markdown")
    assert code == 0 and "| # | Sentence | Verdict |" in out and "### References" in out
    code, out, _ = run(capsys, "audit", str(SEED))
    assert code == 0 and "check-worthy claims" in out and "verdict" in out


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = b"Kratom is banned in Thailand. Red vein kratom is relaxing and white vein is energizing."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "audit", "-", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["document"]["name"] == "-"
    assert [c["verdict"] for c in doc["claims"]][0] in ("outdated", "contradicted")


def test_folder_audits_every_file_and_reports_a_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Kratom is not addictive at all.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Kratom\n\nKratom can cause liver injury.", encoding="utf-8")
    (tmp_path / "c.html").write_bytes(b"\x00\x01\x02binary")
    code, out, err = run(capsys, "audit", str(tmp_path), "--format", "json")
    assert code == 2
    doc = json.loads(out)
    assert [d["document"]["name"] for d in doc["documents"]] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.md"),
    ]
    assert doc["batch"]["failed"][0]["path"].endswith("c.html")
    assert "Auditing 3 articles" in err and "c.html" in err and "binary" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary"),
        (b"Kratom \x81\x8d\x8f\x90\x9d " * 30, "not valid UTF-8"),
    ],
)
def test_malformed_input_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "audit", str(path))
    assert code == 2
    assert message in err and "article.txt" in err and "Traceback" not in err
    assert out == ""


def test_missing_path_and_empty_folder_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "audit", str(tmp_path / "nope.txt"))
    assert code == 2 and "does not exist" in err
    code, _, err = run(capsys, "audit", str(tmp_path))
    assert code == 2 and "holds no article file" in err


def test_a_file_over_the_size_limit_fails_alone_in_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Kratom is not addictive at all.", encoding="utf-8")
    with (tmp_path / "dump.md").open("wb") as f:
        f.truncate(5_200_000)  # issue 17: refused by its size before anything is read
    code, out, err = run(capsys, "audit", str(tmp_path), "--format", "json")
    assert code == 2
    doc = json.loads(out)
    assert doc["batch"]["audited"] == 1
    assert doc["batch"]["failed"] == [
        {
            "path": str(tmp_path / "dump.md"),
            "error": f"{tmp_path / 'dump.md'} is 5.2 MB; the auditor reads articles up to 2 MB; "
            "split the file or pass the article text only",
        }
    ]
    assert "Traceback" not in err


def test_endless_stdin_and_a_device_are_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            view = memoryview(buffer).cast("B")
            view[:] = b"k" * len(view)
            return len(view)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    code, out, err = run(capsys, "audit", "-")
    assert code == 2 and out == "" and "is more than 2 MB" in err
    if Path("/dev/zero").exists():
        code, out, err = run(capsys, "audit", "/dev/zero")
        assert code == 2 and out == "" and "not a regular file" in err
