"""Time for levels to fall after the last dose (``time_to_fall``, metrics ``fall_*pct_h``).

Oracles: closed-form one-compartment solutions (IV bolus: t = ln(1/f)/k; oral: the Bateman
function solved for C(t) = f Cmax by root finding), and a long grid against a short grid that
needs the terminal extrapolation.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import brentq

from speciosa.knowledge import load_knowledge_base
from speciosa.pk import composition, load_model, regular_regimen, simulate_population
from speciosa.pk._nca import time_to_fall

pytestmark = pytest.mark.validation
FRACTIONS = (0.5, 0.1, 0.01)


@pytest.mark.parametrize("k", [0.02, 0.1, 0.7])
def test_iv_bolus_matches_closed_form(k: float) -> None:
    t = np.linspace(0.0, 10 * math.log(100) / k, 2001)
    out = time_to_fall(t, 50.0 * np.exp(-k * t), start=0.0)
    for f in FRACTIONS:
        assert out[f][0] == pytest.approx(math.log(1 / f) / k, rel=1e-9)


def _bateman(t: np.ndarray, ka: float, k: float) -> np.ndarray:
    return (ka / (ka - k)) * (np.exp(-k * t) - np.exp(-ka * t))


@pytest.mark.parametrize(("ka", "k"), [(1.9, 0.05), (0.8, 0.3)])
def test_oral_one_compartment_matches_root_of_bateman(ka: float, k: float) -> None:
    t = np.arange(0.0, 200.0, 0.05)
    tmax = math.log(ka / k) / (ka - k)
    cmax = float(_bateman(np.array([tmax]), ka, k)[0])
    out = time_to_fall(t, _bateman(t, ka, k), start=0.0)
    for f in FRACTIONS:
        exact = brentq(lambda x, f=f: float(_bateman(np.array([x]), ka, k)[0]) - f * cmax, tmax, 400.0)
        # log-linear interpolation between grid points: error far below the 0.05 h step
        assert out[f][0] == pytest.approx(exact, abs=2e-3)


def test_reference_is_the_peak_after_start_and_times_count_from_start() -> None:
    # two doses 24 h apart (k = 0.1 /h, IV): after the second, the peak is 1 + e^-2.4
    k, t = 0.1, np.arange(0.0, 200.0, 0.01)
    c = np.exp(-k * t) + np.where(t >= 24, np.exp(-k * np.clip(t - 24, 0, None)), 0.0)
    out = time_to_fall(t, c, start=24.0)
    assert out[0.5][0] == pytest.approx(math.log(2) / k, abs=1e-3)


def test_extrapolation_beyond_the_grid_matches_a_longer_grid() -> None:
    k = 0.05
    short, long_ = np.linspace(0, 40, 161), np.linspace(0, 200, 801)
    a = time_to_fall(short, np.exp(-k * short), start=0.0)  # 1% is reached only at 92 h
    b = time_to_fall(long_, np.exp(-k * long_), start=0.0)
    assert a[0.01][0] == pytest.approx(b[0.01][0], rel=1e-9)


def test_population_fall_metrics_are_ordered_and_follow_the_terminal_half_life() -> None:
    kb, model = load_knowledge_base(), load_model()
    comp = composition(kb, "commercial-leaf-powder")
    res = simulate_population(model, comp, regular_regimen(4.0, 8.0, 14.0), n_subjects=300, seed=1)
    m = res.metrics["mitragynine"]
    for q in range(3):
        assert m["fall_50pct_h"][q] < m["fall_90pct_h"][q] < m["fall_99pct_h"][q]
    # the last 90% -> 99% is on the terminal phase: ln(10) / lambda_z = 3.32 half-lives
    assert m["fall_99pct_h"][1] - m["fall_90pct_h"][1] == pytest.approx(
        math.log2(10) * m["t_half_h"][1], rel=0.15
    )
