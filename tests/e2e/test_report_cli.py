"""``speciosa report`` end to end: the issue's scenario, its numbers against the commands that make
them, the HTML and PDF files, and bad input refused (exit 2) before any work is done."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from speciosa.cli import main

SUBJECTS = "300"
SCENARIO = ("--product", "leaf-powder", "--dose", "4g", "--every", "8h", "--days", "14")
RUN = ("--subjects", SUBJECTS, "--seed", "7")
DRUGS = ("--drug", "sertraline", "--drug", "tramadol")
ON = "2026-11-21"


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


@pytest.mark.slow
def test_report_numbers_equal_those_of_the_underlying_commands(capsys: pytest.CaptureFixture[str]) -> None:
    report = run_json(
        capsys, "report", *SCENARIO, *DRUGS, "--where", "US-TX", "--on", ON, *RUN, "--format", "json"
    )
    simulate = run_json(capsys, "simulate", *SCENARIO, *RUN, "--format", "json")
    mechanism = run_json(capsys, "mechanism", *SCENARIO, *RUN, "--format", "json")
    interact = run_json(capsys, "interact", *SCENARIO, *DRUGS, *RUN, "--format", "json")
    legal = run_json(capsys, "legal", "US-TX", "--on", ON, "--format", "json")

    assert report["exposure"]["analytes"] == simulate["analytes"]
    assert report["exposure"]["provenance"] == simulate["provenance"]
    for key in ("targets", "herg_margin", "claims", "window", "assumptions"):
        assert report["mechanism"][key] == mechanism[key], key
    assert report["interactions"]["pairs"] == interact["pairs"]
    assert report["interactions"]["comedications"] == interact["comedications"]
    assert report["interactions"]["kratom_exposure"] == interact["kratom_exposure"]
    for key in ("status", "decided_by", "rules", "inherited", "confidence", "since", "law"):
        assert report["legal"][key] == legal[key], key
    for entry in report["evidence"]:
        evidence = run_json(capsys, "evidence", entry["topic"], "--format", "json")
        for key in ("certainty", "studies", "counts_by_design", "downgrades", "controlled_human_studies"):
            assert entry[key] == evidence[key], (entry["topic"], key)
        assert [b["id"] for b in entry["best_evidence"]] == evidence["best_evidence"]
    # the plain answer quotes the same numbers
    mg = simulate["analytes"]["mitragynine"]
    exposure = next(i for i in report["summary"] if i["topic"] == "exposure")["text"]
    assert f"{mg['cmax_ng_mL']['median']:.3g} ng/mL" in exposure
    # and the commands that reproduce each section are named, with the same options
    assert report["commands"]["exposure"].startswith("speciosa simulate --product leaf-powder --dose 4g")
    assert f"--subjects {SUBJECTS} --seed 7" in report["commands"]["interactions"]


@pytest.mark.slow
def test_html_and_pdf_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    html, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    code = main(
        ["report", *SCENARIO, *DRUGS, "--where", "US-TX", *RUN, "--out", str(html), "--pdf", str(pdf)]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"report written to {html} and {pdf}" in out
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("data:image/svg+xml;base64,") == 2
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 5
    text = " ".join(p.extract_text() for p in reader.pages)
    for heading in (
        "1. Summary",
        "2. Exposure",
        "3. Mechanism",
        "4. Interactions",
        "5. What studies show",
        "6. Legal status",
        "7. Assumptions",
        "8. References",
    ):
        assert heading in text, heading
    assert "tramadol" in text and "Texas" in text


def test_default_output_is_report_html_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["report", "--regimen", "2 g tea once", "--subjects", "50"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert (tmp_path / "report.html").is_file()
    assert "report written to report.html" in out


BAD = [
    (("--drug", "notadrug"), "drug"),
    (("--dose", "0g"), "dose"),
    (("--dose", "500g"), "dose"),
    (("--dose", "3 ml"), "dose"),
    (("--where", "XX-ZZ"), "where"),
    (("--where", "Atlantis"), "where"),
    (("--on", "2026-13-01"), "on"),
    (("--subjects", "0"), "subjects"),
    (("--out", "/nonexistent-folder/r.html"), "out"),
    (("--product", "no-such-product"), "product"),
    (("--drug-dose", "fifty"), "drug-dose"),
    (("--drug-dose", "50 kg daily"), "drug-dose"),
    (("--drug-dose", "0 mg daily"), "drug-dose"),
]

_PROBE = """
import json, sys
from speciosa.cli import main
results = []
for args in json.loads(sys.argv[1]):
    code = main(args)
    results.append([code, "speciosa.report._build" in sys.modules])
print(json.dumps(results))
"""


def test_bad_input_exits_2_naming_the_field_before_any_work(tmp_path: Path) -> None:
    """One interpreter runs every bad command; the report builder must never have been imported."""
    good = {
        "--product": "leaf-powder",
        "--dose": "4g",
        "--every": "8h",
        "--days": "14",
        "--drug": "sertraline",
        "--where": "US-TX",
        "--out": str(tmp_path / "r.html"),
    }
    cases = []
    for extra, _ in BAD:
        opts = good | dict(zip(extra[::2], extra[1::2], strict=True))
        cases.append(["report", *[x for kv in opts.items() for x in kv]])
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(cases)], capture_output=True, text=True, timeout=300
    )
    results = json.loads(proc.stdout.strip().splitlines()[-1])
    errors = [line for line in proc.stderr.splitlines() if line.startswith("speciosa: error:")]
    assert len(errors) == len(BAD), proc.stderr
    assert "Traceback" not in proc.stderr
    for (extra, field), (code, started), line in zip(BAD, results, errors, strict=True):
        assert code == 2, (extra, line)
        assert not started, f"{extra}: work started before the input was refused"
        assert field in line, (extra, line)
    assert not (tmp_path / "r.html").exists()
