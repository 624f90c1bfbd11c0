"""The interaction datasets: coverage the issue asks for, and the checks that guard them."""

from __future__ import annotations

from typing import Any

import pytest

from speciosa.knowledge import FM_ENZYMES, check_knowledge_base, load_knowledge_base

ISSUE_ANTIDEPRESSANTS = (
    "fluoxetine sertraline paroxetine citalopram escitalopram fluvoxamine venlafaxine desvenlafaxine "
    "duloxetine milnacipran levomilnacipran amitriptyline nortriptyline imipramine desipramine clomipramine "
    "doxepin phenelzine tranylcypromine isocarboxazid selegiline moclobemide bupropion mirtazapine trazodone "
    "nefazodone vortioxetine vilazodone agomelatine esketamine lithium buspirone quetiapine aripiprazole"
).split()
ISSUE_OTHERS = (
    "tramadol codeine oxycodone hydrocodone methadone buprenorphine fentanyl morphine alprazolam midazolam "
    "zolpidem eszopiclone gabapentin pregabalin ethanol amphetamine methylphenidate diphenhydramine "
    "loperamide dextromethorphan"
).split()


def test_the_issue_drug_lists_are_covered() -> None:
    ids = {d.id for d in load_knowledge_base().drugs}
    assert not set(ISSUE_ANTIDEPRESSANTS) - ids
    assert not set(ISSUE_OTHERS) - ids
    assert len(ISSUE_ANTIDEPRESSANTS) >= 30 and len(ISSUE_OTHERS) >= 20


def test_probe_drugs_have_the_quantities_the_dynamic_model_needs() -> None:
    kb = load_knowledge_base()
    mdz, dxm = kb.drug("midazolam"), kb.drug("dextromethorphan")
    assert mdz.fm["CYP3A4"].value > 0.9 and mdz.fg is not None and mdz.pk.half_life is not None
    assert dxm.fm["CYP2D6"].value > 0.9 and dxm.pk.half_life is not None


def test_prodrugs_and_flags_are_sourced() -> None:
    kb = load_knowledge_base()
    for name in ("tramadol", "codeine"):
        d = kb.drug(name)
        assert d.prodrug is not None and d.prodrug.enzyme == "CYP2D6" and d.prodrug.source
    assert kb.drug("bupropion").flags.seizure_threshold is not None
    assert kb.drug("methadone").flags.respiratory_depressant is not None


def test_every_antidepressant_has_a_sourced_maximum_daily_dose() -> None:
    """Issue 17: doses are checked against the labelled maximum, antidepressants first."""
    kb = load_knowledge_base()
    for name in ISSUE_ANTIDEPRESSANTS:
        top = kb.drug(name).max_daily_dose
        assert top is not None, f"{name}: no max_daily_dose"
        assert top.kind == "mass" and top.value > 0 and top.source and top.locator, name


# The usual-dose source of clomipramine gives a 75-300 mg/day range but "max dose generally 250mg", as
# the US label: a disagreement between sources, recorded in the drug's max_daily_dose note.
USUAL_RANGE_ABOVE_LABEL = {"clomipramine"}


def test_maximum_daily_dose_is_not_below_the_usual_dose() -> None:
    """Cross-check of two independently sourced values: the labelled maximum a day is at least the
    usual dose (its upper range too), which is a single dose or a day's dose depending on the source."""
    checked = 0
    for d in load_knowledge_base().drugs:
        if d.max_daily_dose is None or d.usual_dose is None:
            continue
        top, usual = d.max_daily_dose.m_as("mg"), d.usual_dose
        assert top >= usual.m_as("mg"), f"{d.id}: maximum {top} mg/day below usual dose {usual.text()}"
        if usual.interval is not None and d.id not in USUAL_RANGE_ABOVE_LABEL:
            assert top >= usual.interval.high, (
                f"{d.id}: maximum {top} mg/day below usual range {usual.text()}"
            )
        checked += 1
    assert checked >= 30


def test_a_drug_without_a_maximum_says_so_in_its_gaps() -> None:
    for d in load_knowledge_base().drugs:
        if d.max_daily_dose is None:
            assert any(g.startswith("max_daily_dose:") for g in d.gaps), d.id


def test_maximum_daily_dose_must_be_a_positive_mass(edit_dataset: Any) -> None:
    def mutate(records: list[dict[str, Any]]) -> None:
        d = next(r for r in records if r["id"] == "sertraline")
        d["max_daily_dose"]["unit"] = "h"
        e = next(r for r in records if r["id"] == "fluoxetine")
        e["max_daily_dose"]["value"] = 0

    problems = _break(edit_dataset, "drugs", mutate)
    assert any("sertraline" in p and "max_daily_dose" in p and "mass" in p for p in problems), problems
    assert any("fluoxetine" in p and "max_daily_dose" in p and "above 0" in p for p in problems), problems


def _break(edit_dataset: Any, dataset: str, mutate: Any) -> list[str]:
    report = check_knowledge_base(edit_dataset(dataset, mutate))
    return [f"{p.record} {p.field} {p.message}" for p in report.problems]


def test_fractions_metabolised_above_one_are_rejected(edit_dataset: Any) -> None:
    def mutate(records: list[dict[str, Any]]) -> None:
        d = next(r for r in records if r["id"] == "midazolam")
        d["fm"]["CYP2D6"] = dict(d["fm"]["CYP3A4"])

    problems = _break(edit_dataset, "drugs", mutate)
    assert any("midazolam" in p and "add up to" in p for p in problems)


def test_unknown_enzyme_in_fm_and_bad_flag_level_are_rejected(edit_dataset: Any) -> None:
    def mutate(records: list[dict[str, Any]]) -> None:
        d = next(r for r in records if r["id"] == "midazolam")
        d["fm"]["CYP9Z9"] = dict(d["fm"]["CYP3A4"], value=0.01)
        d["flags"]["cns_depressant"]["level"] = "very"

    problems = _break(edit_dataset, "drugs", mutate)
    assert any("CYP9Z9" in p and "fm_qualitative" in p for p in problems) or any(
        "very" in p for p in problems
    )
    assert set(FM_ENZYMES) == {"CYP3A4", "CYP2D6", "CYP2C19", "CYP2C9", "CYP1A2"}


def test_flag_statement_needs_a_known_source(edit_dataset: Any) -> None:
    def mutate(records: list[dict[str, Any]]) -> None:
        next(r for r in records if r["id"] == "tramadol")["flags"]["opioid"]["source"] = "nobody2099"

    problems = _break(edit_dataset, "drugs", mutate)
    assert any("nobody2099" in p for p in problems)


def test_clinical_interaction_victim_must_be_a_drug(edit_dataset: Any) -> None:
    def mutate(records: list[dict[str, Any]]) -> None:
        records[0]["victim"] = "midazolamm"

    problems = _break(edit_dataset, "clinical_interactions", mutate)
    assert any("midazolamm" in p for p in problems)


@pytest.mark.parametrize("field", ["kratom_basis", "drug_basis"])
def test_rules_need_sources_on_both_sides(edit_dataset: Any, field: str) -> None:
    def mutate(records: list[dict[str, Any]]) -> None:
        records[0][field] = []

    assert _break(edit_dataset, "interaction_rules", mutate)
