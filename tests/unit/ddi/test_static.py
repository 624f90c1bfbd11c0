"""Static interaction models: closed forms, a published table, and the AUC-ratio ceiling."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speciosa.ddi import EnzymeEffect, mechanistic_static_auc_ratio, r1, r1_gut, r2, r3, remaining_activity


def test_basic_models_reproduce_the_published_kratom_table() -> None:
    """Tanna 2023 DMD Table 5 (PMC10353077): mitragynine, 2 g kratom. With its inputs (Ihep,u
    ~0.19 uM; Igut ~400 uM; CYP2D6 Ki = IC50/2 = 0.335 uM; CYP3A Ki = 11.4/2 uM) the table prints
    R1,hep 1.57 (CYP2D6) and R1,gut 71 (CYP3A); the inputs are rounded in the table, hence 2 %."""
    assert r1(0.19, 0.67 / 2) == pytest.approx(1.57, rel=0.02)
    assert r1_gut(400.0, 11.4 / 2) == pytest.approx(71, rel=0.02)


def test_r2_closed_form() -> None:
    # kobs = 4.08 * 5*0.1 / (4.1 + 5*0.1) = 0.4435 /h; R2 = (0.4435 + 0.0193) / 0.0193
    assert r2(0.1, 4.1, 4.08, 0.0193, 5) == pytest.approx((4.08 * 0.5 / 4.6 + 0.0193) / 0.0193)
    assert r2(0.0, 4.1, 4.08, 0.0193, 50) == 1.0


def test_r3_no_inducer_and_full_induction() -> None:
    assert r3(0.0, 1.0, 5.0) == 1.0
    assert r3(1e9, 1.0, 4.0) == pytest.approx(1 / 5)


def test_remaining_activity_reversible_and_time_dependent() -> None:
    assert remaining_activity(EnzymeEffect(ki=2.0), 2.0) == pytest.approx(0.5)
    tdi = EnzymeEffect(kinact=1.0, ki_tdi=1.0, kdeg=0.5)  # kobs = 0.5 at I = KI
    assert remaining_activity(tdi, 1.0) == pytest.approx(0.5)
    both = EnzymeEffect(ki=2.0, kinact=1.0, ki_tdi=1.0, kdeg=0.5)
    assert remaining_activity(both, 1.0) == pytest.approx(0.5 / 1.5)


def test_tdi_needs_its_turnover() -> None:
    with pytest.raises(ValueError, match="kdeg"):
        EnzymeEffect(kinact=1.0, ki_tdi=1.0)


@given(
    fm=st.floats(0.0, 0.99),
    fg=st.floats(0.05, 1.0),
    a_liver=st.floats(0.0, 1.0),
    a_gut=st.floats(0.0, 1.0),
)
def test_msm_ratio_between_one_and_its_ceiling(fm: float, fg: float, a_liver: float, a_gut: float) -> None:
    """1 <= AUCR <= 1 / (Fg (1 - fm)), with equality at full inhibition (the issue's ceiling)."""
    ratio = float(mechanistic_static_auc_ratio({"CYP3A4": fm}, {"CYP3A4": a_liver}, fg=fg, gut=a_gut))
    ceiling = 1 / (fg * (1 - fm))
    assert 1 - 1e-12 <= ratio <= ceiling * (1 + 1e-12)
    full = float(mechanistic_static_auc_ratio({"CYP3A4": fm}, {"CYP3A4": 0.0}, fg=fg, gut=0.0))
    assert math.isclose(full, ceiling, rel_tol=1e-12)
