"""``speciosa evidence`` end to end: the depression answer the issue asks for, every topic, bad topics."""

from __future__ import annotations

import json

import pytest

from speciosa.cli import main
from speciosa.knowledge import load_knowledge_base

ISSUE_TOPICS = (
    "depression",
    "anxiety",
    "dependence",
    "withdrawal",
    "liver",
    "cardiac",
    "seizures",
    "interactions",
    "overdose",
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_depression_says_no_controlled_study_exists_with_citations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "evidence", "depression")
    assert code == 0
    assert "No controlled human study of kratom for depression exists in the data" in out
    assert "The newest review in the data" in out
    assert "Animal studies: 3" in out and "Observational human studies" in out
    assert "VERY LOW" in out and "References" in out
    # the animal evidence is shown with what limits it, not as proof
    assert "animal model (3)" in out
    assert "doi:10.1016/j.phymed.2010.08.011" in out  # Farah Idayu 2011, the mouse FST/TST study


def test_depression_json_is_consistent_with_the_knowledge_base(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "evidence", "depression", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    kb = load_knowledge_base()
    tagged = [s for s in kb.studies if "depression" in s.topics]
    assert doc["studies"] == len(tagged)
    assert doc["controlled_human_studies"] == []
    assert doc["certainty"] == "very_low"
    assert doc["newest_review"]["id"] == "yang-2024"
    cited = {s["source"] for g in doc["groups"].values() for s in g["studies"]}
    assert cited == set(doc["references"])


@pytest.mark.parametrize("topic", ISSUE_TOPICS)
def test_every_issue_topic_has_studies_a_certainty_and_references(
    capsys: pytest.CaptureFixture[str], topic: str
) -> None:
    code, out, _ = run(capsys, "evidence", topic, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["studies"] >= 3
    assert doc["certainty"] in {"very_low", "low", "moderate", "high"}
    assert doc["references"]
    if doc["certainty"] != doc["certainty_start"]["level"]:
        assert doc["downgrades"]


def test_topic_list_and_unknown_topic(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "evidence")
    assert code == 0 and "depression" in out and "certainty" in out
    code, _, err = run(capsys, "evidence", "depresion")
    assert code == 2
    assert "topic" in err and "depression" in err and "Traceback" not in err


def test_every_design_is_shown_in_exactly_one_group() -> None:
    from speciosa.cli._evidence import _GROUPS
    from speciosa.knowledge import DESIGNS

    shown = [d for _, _, designs in _GROUPS for d in designs]
    assert sorted(shown) == sorted(DESIGNS)


def test_poison_centre_people_are_counted_as_cases_and_exposures(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 17: `evidence seizures` said "0 participants" for 2,312 poison-centre exposures."""
    code, out, err = run(capsys, "evidence", "seizures", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    kb = load_knowledge_base()
    best = [kb_study for kb_study in kb.studies if kb_study.id in doc["best_evidence"]]
    expected: dict[str, int] = {}
    for s in best:
        assert s.n is not None and s.n_unit in ("cases", "exposures")
        expected[s.n_unit] = expected.get(s.n_unit, 0) + s.n
    assert doc["people_in_best_evidence"] == expected == {"cases": 52, "exposures": 2312}
    (imprecision,) = [d for d in doc["downgrades"] if d["domain"] == "imprecision"]
    assert imprecision["reason"].startswith("2,364 people (52 cases, 2,312 exposures)")
    code, out, err = run(capsys, "evidence", "seizures")
    assert code == 0, err
    assert "0 participants" not in out and "2,364 people (52 cases, 2,312 exposures)" in out
