"""Dynamic model: closed-form oracles (one-compartment oral PK, enzyme turnover), reduction to the
mechanistic static model at constant inhibition, the ceiling, and grid convergence."""

from __future__ import annotations

import math

import numpy as np
import pytest

from speciosa.ddi import (
    VictimDosing,
    VictimModel,
    _dynamic,
    absorption_rate,
    choose_constants,
    enzyme_activity,
    mechanistic_static_auc_ratio,
    simulate_victims,
    victim_model,
    victim_ratios,
)
from speciosa.knowledge import load_knowledge_base
from speciosa.pk import composition, load_model, parse_regimen

TIMES = np.concatenate([np.arange(0, 12, 0.01), np.arange(12, 200.01, 0.1)])
SINGLE = VictimDosing((0.0,), (0.0, math.inf), None)


def victim(eh: float = 0.0, fg: float = 1.0, fm: float = 0.9) -> VictimModel:
    return VictimModel("test", k=0.3, ka=2.0, eh=eh, fg=fg, fe=0.0, fm_h={"CYP3A4": fm})


def constant(a: float, n: int = 1) -> np.ndarray:
    return np.full((n, len(TIMES) - 1), a)


def test_baseline_matches_the_bateman_function() -> None:
    """AUC = 1/k for a unit dose; Cmax = ka/(ka-k) (e^-k tmax - e^-ka tmax) at tmax = ln(ka/k)/(ka-k)."""
    v = victim()
    auc, cmax = _dynamic.victim_baseline(v, TIMES, SINGLE)
    assert auc[0] == pytest.approx(1 / v.k, rel=1e-4)
    tmax = math.log(v.ka / v.k) / (v.ka - v.k)
    exact = v.ka / (v.ka - v.k) * (math.exp(-v.k * tmax) - math.exp(-v.ka * tmax))
    assert cmax[0] == pytest.approx(exact, rel=1e-3)


@pytest.mark.parametrize("eh", [0.0, 0.3, 0.8])
@pytest.mark.parametrize(("a_liver", "a_gut"), [(0.5, 1.0), (0.2, 0.1), (1.0, 0.3)])
def test_constant_inhibition_reduces_to_the_mechanistic_static_model(
    eh: float, a_liver: float, a_gut: float
) -> None:
    v = victim(eh=eh, fg=0.57, fm=0.9)
    auc, _ = victim_ratios(v, TIMES, {"CYP3A4": constant(a_liver)}, constant(a_gut), SINGLE)
    msm = mechanistic_static_auc_ratio({"CYP3A4": 0.9}, {"CYP3A4": a_liver}, fg=0.57, gut=a_gut)
    assert auc[0] == pytest.approx(float(msm), rel=2e-3)


def test_no_inhibition_gives_ratio_one_and_full_inhibition_the_ceiling() -> None:
    v = victim(fg=0.5, fm=0.8)
    auc, cmax = victim_ratios(v, TIMES, {"CYP3A4": constant(1.0)}, constant(1.0), SINGLE)
    assert auc[0] == pytest.approx(1.0, abs=1e-12) and cmax[0] == pytest.approx(1.0, abs=1e-12)
    # full inhibition: the half-life grows 5-fold, so integrate longer before comparing
    long = np.arange(0, 400.01, 0.02)
    full = {"CYP3A4": np.zeros((1, len(long) - 1))}
    auc, _ = victim_ratios(v, long, full, np.zeros((1, len(long) - 1)), SINGLE)
    assert auc[0] == pytest.approx(1 / (0.5 * (1 - 0.8)), rel=2e-3)


def test_enzyme_turnover_matches_its_closed_form() -> None:
    """dE/dt = kdeg (1 - E) - lam E with constant lam: E = Ess + (1 - Ess) exp(-(kdeg + lam) t)."""
    kdeg, kinact, ki, i = 0.03, 4.0, 4000.0, 4000.0
    lam = kinact * i / (ki + i)
    t = np.linspace(0, 48, 481)
    act = enzyme_activity(np.full((1, len(t) - 1), i), t, None, (ki, kinact), kdeg)
    mid = 0.5 * (t[1:] + t[:-1])
    ess = kdeg / (kdeg + lam)
    assert act[0] == pytest.approx(ess + (1 - ess) * np.exp(-(kdeg + lam) * mid), rel=1e-9)


def test_absorption_rate_inverts_tmax() -> None:
    ka = absorption_rate(1.0, 0.3)
    assert math.log(ka / 0.3) / (ka - 0.3) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="1/k"):
        absorption_rate(5.0, 0.3)


def test_grid_convergence_on_the_clinical_design(monkeypatch: pytest.MonkeyPatch) -> None:
    """Halving both steps changes the NCT04392011 predictions by less than 0.5 %."""
    kb = load_knowledge_base()
    args = (
        kb,
        load_model(),
        composition(kb, "k51-leaf-powder"),
        parse_regimen("2 g once"),
        [victim_model(kb, kb.drug("midazolam")), victim_model(kb, kb.drug("dextromethorphan"))],
        choose_constants(kb),
    )
    base = simulate_victims(*args, n_subjects=200, seed=3)
    monkeypatch.setattr(_dynamic, "_FINE_H", _dynamic._FINE_H / 2)
    monkeypatch.setattr(_dynamic, "_COARSE_H", _dynamic._COARSE_H / 2)
    fine = simulate_victims(*args, n_subjects=200, seed=3)
    for a, b in zip(base, fine, strict=True):
        assert a.auc_ratio.median == pytest.approx(b.auc_ratio.median, rel=5e-3)
        assert a.cmax_ratio.median == pytest.approx(b.cmax_ratio.median, rel=5e-3)
