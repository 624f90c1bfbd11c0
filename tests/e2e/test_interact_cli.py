"""``speciosa interact`` end to end: the issue's command and JSON shape, every antidepressant,
names and brands, bad input with exit status 2."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from speciosa.cli import main
from speciosa.ddi import SEVERITIES
from speciosa.knowledge import load_knowledge_base

ISSUE_COMMAND = (
    "interact",
    "--product",
    "leaf-powder",
    "--dose",
    "4g",
    "--every",
    "8h",
    "--days",
    "7",
    "--drug",
    "sertraline",
    "--drug",
    "tramadol",
    "--format",
    "json",
)
ANTIDEPRESSANT_CLASSES = {"antidepressant", "mood_stabilizer", "anxiolytic", "antipsychotic"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_issue_command_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *ISSUE_COMMAND, "--subjects", "300")
    assert code == 0, err
    doc = json.loads(out)
    assert [p["drug"] for p in doc["pairs"]] == ["sertraline", "tramadol"]
    for p in doc["pairs"]:
        for key in (
            "auc_ratio",
            "cmax_ratio",
            "static_auc_ratio",
            "severity",
            "mechanisms",
            "evidence",
            "advice",
            "sources",
        ):
            assert key in p
        assert set(p["auc_ratio"]) == {"median", "p05", "p95"}
        assert p["auc_ratio"]["p05"] <= p["auc_ratio"]["median"] <= p["auc_ratio"]["p95"]
        assert p["severity"] in SEVERITIES and p["sources"]
        assert p["evidence"] in ("clinical_study", "predicted", "case_reports", "theoretical")
    assert "provenance" in doc and doc["provenance"]["knowledge_base"]
    tramadol = doc["pairs"][1]
    assert "respiratory_depression" in tramadol["mechanisms"] and tramadol["severity"] == "major"
    assert any(f["mechanism"] == "prodrug_activation" for f in tramadol["findings"])
    # sertraline + tramadol is itself a serotonergic combination, whatever kratom does
    assert any(c["mechanism"] == "serotonin_toxicity" for c in doc["comedications"])


def test_every_antidepressant_has_a_sourced_assessment_with_a_mechanism(
    capsys: pytest.CaptureFixture[str],
) -> None:
    kb = load_knowledge_base()
    names = [d.id for d in kb.drugs if ANTIDEPRESSANT_CLASSES & set(d.classes)]
    assert len(names) >= 30
    args = ["interact", "--product", "leaf-powder", "--dose", "2g", "--subjects", "200", "--format", "json"]
    for n in names:
        args += ["--drug", n]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    pairs = json.loads(out)["pairs"]
    assert [p["drug"] for p in pairs] == names
    for p in pairs:
        assert p["sources"], p["drug"]
        if p["severity"] != "none_expected":
            assert p["mechanisms"], f"{p['drug']}: severity {p['severity']} without a mechanism"
            top = [f for f in p["findings"] if f["severity"] == p["severity"]]
            assert top and all(f["sources"] for f in top)


def test_static_model_and_drug_doses(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "interact",
        "--product",
        "leaf-powder",
        "--dose",
        "2g",
        "--drug",
        "Zoloft",
        "--drug",
        "Xanax",
        "--drug-dose",
        "50 mg daily",
        "--drug-dose",
        "0.5 mg twice daily",
        "--model",
        "static",
        "--subjects",
        "200",
        "--format",
        "json",
    )
    assert code == 0, err
    doc = json.loads(out)
    assert doc["model"] == "static"
    assert [p["drug"] for p in doc["pairs"]] == ["sertraline", "alprazolam"]
    assert doc["pairs"][0]["drug_dose"] == "50 mg daily"


def test_table_output_names_the_disclaimer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "interact",
        "--product",
        "leaf-powder",
        "--dose",
        "2g",
        "--drug",
        "midazolam",
        "--subjects",
        "200",
    )
    assert code == 0
    assert "midazolam" in out and "not medical advice" in out


@pytest.mark.parametrize(
    ("args", "field", "text"),
    [
        (("--drug", "sertralin"), "drug", "sertraline"),
        (("--drug", "zzzz"), "drug", "unknown drug"),
        ((), "drug", "at least one --drug"),
        (("--drug", "sertraline", "--model", "pbpk"), "model", "dynamic"),
        (("--drug", "sertraline", "--drug-dose", "fifty mg"), "drug-dose", "50 mg daily"),
        (("--drug", "sertraline", "--drug-dose", "50 mg hourly-ish"), "drug-dose", "frequency"),
        (("--drug", "sertraline", "--drug", "Zoloft"), "drug", "twice"),
        (
            ("--drug", "sertraline", "--drug-dose", "50 kg daily"),
            "drug-dose",
            "above twice the labelled maximum",
        ),
        (("--drug", "sertraline", "--drug-dose", "0 mg daily"), "drug-dose", "above 0 mg"),
        (("--drug", "Zoloft", "--drug-dose", "sertraline=300 mg twice daily"), "drug-dose", "check the unit"),
    ],
)
def test_bad_input_exits_2_naming_the_field(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], field: str, text: str
) -> None:
    code, out, err = run(capsys, "interact", "--product", "leaf-powder", "--dose", "2g", *args)
    assert code == 2
    assert out == ""
    assert f"error: {field}:" in err and text in err
    assert "Traceback" not in err


def test_static_result_shown_as_a_screening_bound_next_to_the_observed_value(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 17: ``--model static`` for midazolam after 2 g tea printed a 13.7-fold rise labelled
    ``clinical_study`` while the study (NCT04392011) measured 1.39."""
    args = ("interact", "--regimen", "2 g tea once", "--drug", "midazolam", "--model", "static")
    code, out, err = run(capsys, *args, "--subjects", "300")
    assert code == 0, err
    row = next(line for line in out.splitlines() if line.startswith("midazolam "))
    assert "<= " in row and "1.39 (1.23-1.57)" in row and "clinical_study" not in row
    assert "regulatory screening upper bound" in out
    assert re.search(r"over-predicted the CYP3A4 probe midazolam \d+\.\d-fold: [\d.]+ vs 1\.39 observed", out)
    code, out, err = run(capsys, *args, "--subjects", "300", "--format", "json")
    assert code == 0, err
    (pair,) = json.loads(out)["pairs"]
    assert pair["auc_ratio_basis"] == "static_screening_bound" and pair["ratio_is_upper_bound"]
    (pk,) = [f for f in pair["findings"] if f["kind"] == "pharmacokinetic"]
    assert pk["evidence"] == "screening_bound" and pk["severity"] == "moderate"
    (check,) = pair["static_overprediction"]
    assert check["observed_auc_ratio"] == 1.39 and check["enzyme"] == "CYP3A4"
    assert check["static_auc_ratio"] == pytest.approx(pair["auc_ratio"]["median"], rel=1e-3)
    assert check["fold"] == pytest.approx(check["static_auc_ratio"] / 1.39, rel=1e-3)


def test_readme_zoloft_example_uses_the_dynamic_model(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    (line,) = [x for x in readme.splitlines() if "interact" in x and "Zoloft" in x]
    assert "--model static" not in line
    args = shlex.split(line.split("#")[0])[1:]
    code, out, err = run(capsys, *args, "--subjects", "200")
    assert code == 0, err
    doc = json.loads(out)
    (pair,) = doc["pairs"]
    assert doc["model"] == "dynamic" and pair["auc_ratio_basis"] == "dynamic_model"
    # one cup of tea: no 11-fold rise, the dynamic upper bound stays near 1
    assert pair["auc_ratio"]["median"] < 1.25
