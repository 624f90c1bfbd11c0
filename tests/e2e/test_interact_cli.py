"""``speciosa interact`` end to end: the issue's command and JSON shape, every antidepressant,
names and brands, bad input with exit status 2."""

from __future__ import annotations

import json

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
