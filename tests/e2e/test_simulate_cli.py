"""``speciosa simulate`` end to end: documents, files and bad input (exit 2, one line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speciosa.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_document_has_the_issue_shape(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    png, events = tmp_path / "p.png", tmp_path / "ev.csv"
    code, out, _ = run(
        capsys,
        "simulate",
        "--product",
        "commercial-leaf-powder",
        "--dose",
        "3g",
        "--every",
        "8h",
        "--days",
        "14",
        "--subjects",
        "300",
        "--seed",
        "7",
        "--format",
        "json",
        "--plot",
        str(png),
        "--events-out",
        str(events),
    )
    assert code == 0
    doc = json.loads(out)
    mg = doc["analytes"]["mitragynine"]
    for key in ("cmax_nM", "tmax_h", "auc_nM_h", "t_half_h", "accumulation_ratio", "time_to_90pct_ss_h"):
        assert set(mg[key]) == {"median", "p05", "p95"}
        assert mg[key]["p05"] <= mg[key]["median"] <= mg[key]["p95"]
    assert "7-hydroxymitragynine" in doc["analytes"]
    assert doc["provenance"]["assumptions"] and doc["provenance"]["model"] == "kratom-alkaloids"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert events.read_text().splitlines()[0] == "ID,TIME,AMT,CMT,EVID,II,ADDL,SS"


def test_same_seed_same_numbers_and_regimen_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("simulate", "--regimen", "2 g tea once", "--subjects", "200", "--seed", "3", "--format", "json")
    first = json.loads(run(capsys, *args)[1])
    second = json.loads(run(capsys, *args)[1])
    assert first["analytes"] == second["analytes"]
    assert first["provenance"]["product"] == "k51-leaf-powder"


def test_csv_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "simulate",
        "--product",
        "k51-leaf-powder",
        "--dose",
        "2g",
        "--subjects",
        "50",
        "--analyte",
        "mitragynine",
        "--format",
        "csv",
    )
    assert code == 0 and out.splitlines()[0] == "time_h,analyte,p05_nM,median_nM,p95_nM"
    code, out, _ = run(capsys, "simulate", "--product", "k51-leaf-powder", "--dose", "2g", "--subjects", "50")
    assert code == 0 and "cmax_nM" in out and "Not dosing advice" in out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("--product", "no-such", "--dose", "2g"), "product"),
        (("--product", "k51-leaf-powder", "--dose", "-2g"), "dose"),
        (("--product", "k51-leaf-powder", "--dose", "2g", "--every", "soon", "--days", "3"), "every"),
        (("--product", "k51-leaf-powder", "--dose", "2g", "--subjects", "0"), "subjects"),
        (("--product", "k51-leaf-powder", "--regimen", "2 g every banana for 2 days"), "regimen"),
        (("--product", "k51-leaf-powder", "--dose", "2g", "--analyte", "morphine"), "analyte"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], field: str
) -> None:
    code, out, err = run(capsys, "simulate", *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and field in err
    assert "Traceback" not in err


@pytest.mark.parametrize("product", ["commercial-leaf-powder", "k51-leaf-powder"])
def test_7oh_metrics_are_never_listed_as_not_simulated(
    capsys: pytest.CaptureFixture[str], product: str
) -> None:
    """Issue 17: the table printed 7-OH metrics and then "not simulated: 7-hydroxymitragynine".
    What is simulated is the 7-OH formed from mitragynine; what is not is the 7-OH the product
    contains (no human PK data after oral 7-OH; the model's assumptions)."""
    args = ("simulate", "--product", product, "--dose", "4g", "--subjects", "100")
    code, out, err = run(capsys, *args, "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    prov = doc["provenance"]
    assert "7-hydroxymitragynine" in doc["analytes"]
    assert not set(prov["not_simulated"]) & set(doc["analytes"])
    assert not any("7-hydroxymitragynine" in x for x in prov["not_simulated"])
    (partly,) = prov["simulated_only_as_metabolite"]
    assert partly["compound"] == "7-hydroxymitragynine"
    assert "formed from mitragynine" in partly["simulated"]
    assert "contained in the product" in partly["not_simulated"]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    listed = next((line for line in out.splitlines() if line.startswith("not simulated")), "")
    assert "7-hydroxymitragynine" not in listed
    assert "simulated: 7-hydroxymitragynine formed from mitragynine" in out
