"""Co-medication doses checked against the labelled maximum daily dose (issue 17)."""

from __future__ import annotations

import pytest

from speciosa.ddi import (
    FALLBACK_CAP_MG,
    FALLBACK_USUAL_MULTIPLE,
    LABEL_TOLERANCE,
    check_drug_dose,
    daily_amount_mg,
)
from speciosa.errors import InputError
from speciosa.knowledge import Drug, load_knowledge_base


@pytest.fixture(scope="module")
def sertraline() -> Drug:
    return load_knowledge_base().drug("sertraline")


def _max_mg(drug: Drug) -> float:
    assert drug.max_daily_dose is not None
    return drug.max_daily_dose.m_as("mg")


@pytest.mark.parametrize("mg", [0.0, -5.0, float("nan"), float("inf")])
def test_a_dose_not_above_zero_is_refused(sertraline: Drug, mg: float) -> None:
    with pytest.raises(InputError) as info:
        check_drug_dose(sertraline, mg, 24.0)
    assert info.value.field == "drug-dose"
    assert "sertraline" in info.value.message


def test_fifty_kg_a_day_is_refused_naming_the_label(sertraline: Drug) -> None:
    with pytest.raises(InputError) as info:
        check_drug_dose(sertraline, 50e6, 24.0)
    msg = info.value.message
    assert info.value.field == "drug-dose"
    assert "50000000 mg a day" in msg and "labelled maximum" in msg and "check the unit" in msg
    assert sertraline.max_daily_dose is not None and sertraline.max_daily_dose.source in msg


def test_the_labelled_maximum_and_the_tolerance_are_accepted(sertraline: Drug) -> None:
    top = _max_mg(sertraline)
    check_drug_dose(sertraline, top, 24.0)
    check_drug_dose(sertraline, top, None)
    check_drug_dose(sertraline, LABEL_TOLERANCE * top, 24.0)
    with pytest.raises(InputError):
        check_drug_dose(sertraline, LABEL_TOLERANCE * top * 1.01, 24.0)


def test_twice_daily_doubles_the_daily_amount(sertraline: Drug) -> None:
    top = _max_mg(sertraline)
    assert daily_amount_mg(100.0, 12.0) == pytest.approx(200.0)
    assert daily_amount_mg(100.0, 8.0) == pytest.approx(300.0)
    assert daily_amount_mg(100.0, None) == 100.0
    assert daily_amount_mg(90.0, 168.0) == 90.0  # weekly: one dose is the most taken in a day
    check_drug_dose(sertraline, top, 12.0)  # twice the maximum a day: at the tolerance
    with pytest.raises(InputError, match="a day is above twice"):
        check_drug_dose(sertraline, top * 1.01, 12.0)


def test_without_a_labelled_maximum_the_fallback_is_a_stated_convention() -> None:
    kb = load_knowledge_base()
    no_label = [d for d in kb.drugs if d.max_daily_dose is None]
    assert no_label, "every drug has a maximum: drop this test's premise"
    for d in no_label:
        if d.usual_dose is not None:
            cap = FALLBACK_USUAL_MULTIPLE * d.usual_dose.m_as("mg")
        else:
            cap = FALLBACK_CAP_MG
        check_drug_dose(d, cap, 24.0)
        with pytest.raises(InputError, match="plausibility convention, not a sourced limit") as info:
            check_drug_dose(d, 50e6 if cap < 50e6 else 2 * cap, 24.0)
        assert info.value.field == "drug-dose"


def test_every_labelled_maximum_is_accepted_and_a_kilogram_refused() -> None:
    for d in load_knowledge_base().drugs:
        if d.max_daily_dose is not None:
            check_drug_dose(d, _max_mg(d), 24.0)
        with pytest.raises(InputError):
            check_drug_dose(d, 50e6, 24.0)
