"""GRADE-style synthesis: the starting level and each downgrade rule, on constructed studies."""

from __future__ import annotations

from typing import Any

from speciosa.evidence._synthesis import _downgrades, _start, people_counted
from speciosa.knowledge import LIMITATION_DOMAIN, EvidenceTopic, Study


def study(
    sid: str,
    design: str,
    direction: str = "benefit",
    limitations: list[str] | None = None,
    n: int | None = None,
    unit: str = "participants",
) -> Study:
    data: dict[str, Any] = {
        "id": sid,
        "source": "post2019",
        "locator": "Abstract",
        "read": "abstract",
        "design": design,
        "topics": ["depression"],
        "population": "people",
        "exposure": "kratom",
        "outcome": "mood",
        "direction": direction,
        "result": "r",
        "limitations": limitations or [],
    }
    if n is not None:
        data |= {"n": n, "n_unit": unit}
    return Study.model_validate(data)


EFFICACY = EvidenceTopic(id="depression", question="q", kind="efficacy", outcome="o")
MECHANISM = EvidenceTopic(id="mechanism", question="q", kind="mechanism", outcome="o")


def test_start_follows_the_best_design() -> None:
    rct, survey, case, mouse = (
        study("a", "rct"),
        study("b", "cross_sectional"),
        study("c", "case_report"),
        study("d", "animal"),
    )
    assert _start(EFFICACY, [rct, survey, mouse])[:2] == ("high", "randomised controlled trials")
    assert _start(EFFICACY, [survey, case, mouse])[0] == "low"
    assert _start(EFFICACY, [case, mouse])[0] == "very_low"
    assert _start(EFFICACY, [mouse])[:2] == (
        "very_low",
        "no human data: animal and in-vitro results are indirect",
    )
    assert _start(MECHANISM, [mouse])[0] == "moderate"
    assert _start(EFFICACY, [])[0] == "very_low"


def test_each_domain_downgrades_once_on_a_majority_of_the_best_studies() -> None:
    biased = [
        study(f"s{i}", "cross_sectional", limitations=["self_selected_sample"], n=1000) for i in range(2)
    ]
    clean = study("c", "cross_sectional", n=1000)
    assert [d.domain for d in _downgrades(EFFICACY, [*biased, clean], "x")] == ["risk of bias"]
    assert _downgrades(EFFICACY, [biased[0], clean, study("c2", "cross_sectional", n=1000)], "x") == []


def test_imprecision_counts_participants_and_inconsistency_counts_directions() -> None:
    small = [study("a", "rct", n=26), study("b", "rct", n=40)]
    (down,) = _downgrades(EFFICACY, small, "x")
    assert (down.domain, down.reason) == ("imprecision", "66 participants in total across 2 studies")
    mixed = [study("a", "cross_sectional", "benefit", n=500), study("b", "cross_sectional", "harm", n=500)]
    assert [d.domain for d in _downgrades(EFFICACY, mixed, "x")] == ["inconsistency"]


def test_mechanism_questions_do_not_count_a_lab_model_as_indirect() -> None:
    mice = [study(f"m{i}", "animal", limitations=["animal_model"]) for i in range(3)]
    assert _downgrades(MECHANISM, mice, "laboratory") == []
    assert [d.domain for d in _downgrades(EFFICACY, mice, "indirect")] == ["indirectness"]


def test_every_limitation_has_a_grade_domain() -> None:
    from speciosa.knowledge._evidence import Limitation

    assert set(Limitation.__args__) == set(LIMITATION_DOMAIN)  # type: ignore[attr-defined]


def test_imprecision_counts_cases_and_exposures_not_only_participants() -> None:
    """Issue 17: two poison-centre studies (2,312 exposures, Eggleston 2019; 52 cases,
    Trakulsrichai 2013) were "0 participants in total". Each exposure or case is a person."""
    centres = [
        study("e", "poison_centre", "harm", n=2312, unit="exposures"),
        study("t", "poison_centre", "harm", ["small_sample"], n=52, unit="cases"),
    ]
    (down,) = [d for d in _downgrades(EFFICACY, centres, "x") if d.domain == "imprecision"]
    assert down.reason == (
        "2,364 people (52 cases, 2,312 exposures) in total across 2 studies; 1 of 2 flagged small"
    )
    assert "0 participants" not in down.reason
    # 2,312 exposures alone are enough people: no imprecision downgrade
    assert not [d for d in _downgrades(EFFICACY, centres[:1], "x") if d.domain == "imprecision"]
    # animals and products are not people
    assert people_counted([study("m", "poison_centre", n=900, unit="animals")]) == {}
