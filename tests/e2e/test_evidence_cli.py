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
